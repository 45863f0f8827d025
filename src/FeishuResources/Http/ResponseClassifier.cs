using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Content;
using FeishuResources.Errors;
using FeishuResources.Internal;

namespace FeishuResources.Http;

/// <summary>
/// Decides whether a response is a file or a platform error, by status, headers and the body's
/// <c>code</c> — token errors arrive with HTTP 200 too, while a 200 with <c>Content-Disposition</c> is
/// a file even when it is JSON.
/// </summary>
internal static class ResponseClassifier
{
    /// <summary>Error bodies are small; anything past this is not read.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>
    /// Returns null when the response is a file (its content may have been replaced by a
    /// <see cref="PeekedContent"/> carrying the peeked bytes), or the exception to throw, in which case the response has been disposed.
    /// </summary>
    public static Task<FeishuApiException?> ClassifyAsync(HttpRequestMessage request, HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken)
        => ClassifyCoreAsync(request, response, timeProvider, synchronous: false, cancellationToken);

#if NET
    /// <summary>The same with synchronous reads of the error body: no thread-pool thread is needed to finish it.</summary>
    // Stryker disable once Boolean : equivalent — the asynchronous reads of a received body complete the same way; only a starved pool with a late error body could tell.
    public static FeishuApiException? Classify(HttpRequestMessage request, HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken)
        => ClassifyCoreAsync(request, response, timeProvider, synchronous: true, cancellationToken).GetAwaiter().GetResult();
#endif

    /// <summary>One body of code for both: with <paramref name="synchronous"/>, every read completes before it returns.</summary>
    private static async Task<FeishuApiException?> ClassifyCoreAsync(HttpRequestMessage request, HttpResponseMessage response, TimeProvider timeProvider, bool synchronous, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode && !MayBeError(response))
        {
            return null;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxErrorBodyBytes + 1);
        // Stryker disable once Boolean : equivalent — the pool only saves an allocation; a buffer not returned is collected.
        bool bufferHandedOff = false;
        try
        {
            Stream body = await OpenAsync(response, synchronous, cancellationToken).ConfigureAwait(false);
            int length = await FillAsync(body, buffer, synchronous, cancellationToken).ConfigureAwait(false);
            bool complete = length <= MaxErrorBodyBytes;
            PlatformResponse? parsed = complete ? ErrorBodyParser.TryParse(buffer.AsSpan(0, length)) : null;

            if (response.IsSuccessStatusCode && (parsed?.Code ?? 0) == 0)
            {
                // A JSON file after all: the body stream hands out what was peeked, then the rest.
                response.Content = new PeekedContent(response.Content!, buffer, length, body);
                bufferHandedOff = true;
                return null;
            }

            FeishuApiException exception = CreateException(request, response, parsed, buffer, Math.Min(length, MaxErrorBodyBytes), timeProvider);
            response.Dispose();
            return exception;
        }
        catch
        {
            // Reading the body failed (a reset, a cancellation): nobody else will see this response to release it.
            response.Dispose();
            throw;
        }
        finally
        {
            if (!bufferHandedOff)
            {
                // Stryker disable once Statement : equivalent — the pool only saves an allocation; a buffer not returned is collected.
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // Stryker disable once Conditional : equivalent — both ways of opening a body give the same stream; they differ only in whether a thread waits while it opens.
    private static Task<Stream> OpenAsync(HttpResponseMessage response, bool synchronous, CancellationToken cancellationToken)
#if NET
        => synchronous ? Task.FromResult(ResponseBody.Open(response, cancellationToken)) : ResponseBody.OpenAsync(response, cancellationToken);
#else
        => ResponseBody.OpenAsync(response, cancellationToken);
#endif

    // Stryker disable once Conditional : equivalent — the synchronous path through the asynchronous reads is correct: only a starved pool with a late error body could tell.
    private static Task<int> FillAsync(Stream body, byte[] buffer, bool synchronous, CancellationToken cancellationToken)
        => synchronous
            ? Task.FromResult(BoundedBody.Fill(body, buffer, MaxErrorBodyBytes + 1))
            : BoundedBody.FillAsync(body, buffer, MaxErrorBodyBytes + 1, cancellationToken);

    /// <summary>A success that is JSON without <c>Content-Disposition</c> and small enough to be an error envelope.</summary>
    private static bool MayBeError(HttpResponseMessage response)
    {
        if (ResponseHeaderReader.GetContentDisposition(response) is not null)
        {
            return false;
        }

        string? mediaType = response.Content?.Headers.ContentType?.MediaType;
        bool isJson = mediaType is not null
            && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        return isJson && (response.Content!.Headers.ContentLength ?? 0) <= MaxErrorBodyBytes;
    }

    private static FeishuApiException CreateException(HttpRequestMessage request, HttpResponseMessage response, PlatformResponse? parsed, byte[] buffer, int length, TimeProvider timeProvider)
    {
        FeishuApiError error = FeishuApiErrorFactory.FromResponse(response, parsed, buffer, length);

        TimeSpan? retryAfter = ResponseHeaderReader.GetRetryAfter(response, timeProvider);

        string? context = FeishuRequestContext.Get(request) switch
        {
            { Api: FeishuApi.Messages } message => $"Feishu refused to read the message '{message.ResourceKey}'",
            { Api: FeishuApi.MessageList } list => $"Feishu refused to list the messages of '{list.ResourceKey}'",
            { } download => $"Feishu refused the download of '{download.ResourceKey}'",
            null => null,
        };
        return FeishuExceptionFactory.Create(error, retryAfter, context);
    }
}
