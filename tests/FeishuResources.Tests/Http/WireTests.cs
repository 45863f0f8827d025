using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Http;

/// <summary>Over a real socket, with the default primary handler: what MockHttp cannot show.</summary>
public sealed class WireTests
{
    [Fact]
    public async Task Download_request_on_the_wire_has_an_empty_json_body_and_the_raw_utf8_name_is_recovered()
    {
        byte[] file = Encoding.ASCII.GetBytes("%PDF-1.7 wire");
        await using var server = new LoopbackServer(head => head.StartsWith("POST", StringComparison.Ordinal)
            ? LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-wire", 7200)))
            : LoopbackServer.Response(
                "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nX-Tt-Logid: WIRELOG\r\nContent-Disposition: attachment; filename=\"" + MockFeishu.AsWireLatin1("季度报告 😀.pdf") + "\"\r\n",
                file));
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_wire";
            o.AppSecret = "wire-secret";
            o.BaseAddress = server.BaseAddress;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        await using FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_v3_wire");
        var sink = new MemoryStream();
        await download.CopyToAsync(sink);

        Assert.Equal("季度报告 😀.pdf", download.FileName);
        Assert.Equal("WIRELOG", download.LogId);
        Assert.Equal(file, sink.ToArray());
        (string head, byte[] body)[] requests = [.. server.Requests];
        Assert.Equal(2, requests.Length);
        Assert.StartsWith("POST /open-apis/auth/v3/tenant_access_token/internal HTTP/1.1\r\n", requests[0].head, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization:", requests[0].head, StringComparison.OrdinalIgnoreCase);
        string[] getHead = requests[1].head.Split("\r\n");
        Assert.Equal("GET /open-apis/im/v1/files/file_v3_wire HTTP/1.1", getHead[0]);
        Assert.Contains("Content-Length: 0", getHead);
        Assert.Contains("Content-Type: application/json", getHead);
        Assert.Contains("Authorization: Bearer t-wire", getHead);
        Assert.DoesNotContain(getHead, line => line.StartsWith("Transfer-Encoding", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(requests[1].body);
    }
}
