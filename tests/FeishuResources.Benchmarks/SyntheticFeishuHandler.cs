using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace FeishuResources.Benchmarks;

/// <summary>
/// <see cref="BareFeishuServer"/>'s answers without a socket: the token endpoint and <c>files/size_N</c>
/// as a <see cref="SyntheticBody"/> of N bytes, with the same headers.
/// </summary>
internal sealed class SyntheticFeishuHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        HttpContent content;
        if (path.StartsWith(BareFeishuServer.FilesPrefix, StringComparison.Ordinal))
        {
            long size = long.Parse(path.AsSpan(BareFeishuServer.FilesPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
            content = new StreamContent(new SyntheticBody(size));
            content.Headers.ContentLength = size;
            content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
            content.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename=\"benchmark.bin\"");
        }
        else
        {
            content = new ByteArrayContent(BareFeishuServer.TokenBody);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", BareFeishuServer.LogId);
        return Task.FromResult(response);
    }
}
