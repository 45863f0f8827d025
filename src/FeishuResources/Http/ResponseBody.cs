using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Http;

/// <summary>Opens a response's body, for downloads and for the small bodies the SDK parses alike.</summary>
internal static class ResponseBody
{
    private static readonly Task<Stream> None = Task.FromResult(Stream.Null);

    /// <summary>
    /// The body as a stream; <see cref="Stream.Null"/> when the response has no content. Not an async method,
    /// so a download pays for no state machine beyond the task the content hands out.
    /// </summary>
    public static Task<Stream> OpenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Stryker disable once Block : equivalent — on .NET 5 and later a response's Content is never null.
        if (response.Content is null)
        {
            return None;
        }
#if NET5_0_OR_GREATER
        return response.Content.ReadAsStreamAsync(cancellationToken);
#else
        // netstandard2.0 has no cancellable overload: honour a cancellation that came before the call.
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<Stream>(cancellationToken)
            : response.Content.ReadAsStreamAsync();
#endif
    }

#if NET

    /// <summary>The body as a stream, opened synchronously; <see cref="Stream.Null"/> when the response has no content.</summary>
    public static Stream Open(HttpResponseMessage response, CancellationToken cancellationToken)
        => response.Content?.ReadAsStream(cancellationToken) ?? Stream.Null;
#endif
}
