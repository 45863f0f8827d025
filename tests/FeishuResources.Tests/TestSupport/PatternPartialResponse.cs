using System.Net;
using System.Net.Http.Headers;

namespace FeishuResources.Tests.TestSupport;

/// <summary>Hand-made 206 answers carrying the <see cref="PatternStream"/>'s bytes, for servers that answer ranges wrongly.</summary>
public static class PatternPartialResponse
{
    /// <summary>
    /// The pattern's bytes [from, to] as a 206 with <c>Content-Range: bytes from-to/total</c> (none when total is null) and a
    /// <c>Content-Length</c> of the range's size unless another is given.
    /// </summary>
    public static HttpResponseMessage Of(long from, long to, string? total, long? contentLength = null)
    {
        var content = new StreamContent(new PatternStream(from, to - from + 1));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = contentLength ?? to - from + 1;
        if (total is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Range", $"bytes {from}-{to}/{total}");
        }

        var response = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = content };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", FakeResourceServer.LogId);
        return response;
    }
}
