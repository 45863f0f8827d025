using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FeishuResources.Benchmarks;

/// <summary>
/// <see cref="BareFeishuServer"/>'s answers without a socket: the token endpoint and <c>files/size_N</c>
/// as a <see cref="SyntheticBody"/> of N bytes, with the same headers.
/// </summary>
internal sealed class SyntheticFeishuHandler : HttpMessageHandler
{
    private const string FilesPrefix = "/open-apis/im/v1/files/size_";
    private static readonly byte[] TokenBody = Encoding.UTF8.GetBytes("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"" + BareFeishuServer.Token + "\",\"expire\":7200}");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        HttpContent content;
        if (path.StartsWith(FilesPrefix, StringComparison.Ordinal))
        {
            long size = long.Parse(path.AsSpan(FilesPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
            content = new StreamContent(new SyntheticBody(size));
            content.Headers.ContentLength = size;
            content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
            content.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename=\"benchmark.bin\"");
        }
        else
        {
            content = new ByteArrayContent(TokenBody);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", "20240101000000BENCHMARK0000000001");
        return Task.FromResult(response);
    }
}
