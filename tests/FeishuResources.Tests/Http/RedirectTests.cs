using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Http;

/// <summary>Over real sockets with the default primary handler: where credentials go when a server redirects.</summary>
public sealed class RedirectTests
{
    private const string Secret = "redirect-test-app-secret";

    private static ServiceProvider Build(Uri baseAddress)
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_redirect";
            o.AppSecret = Secret;
            o.BaseAddress = baseAddress;
            o.Retry.MaxRetryAttempts = 0;
        });
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    [InlineData(302)]
    public async Task The_token_request_never_follows_a_redirect_so_the_secret_reaches_no_other_host(int status)
    {
        await using var elsewhere = new LoopbackServer(_ => LoopbackServer.Response(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-stolen", 7200))));
        await using var feishu = new LoopbackServer(_ => LoopbackServer.Response(
            $"HTTP/1.1 {status} Moved\r\nLocation: {elsewhere.BaseAddress}open-apis/auth/v3/tenant_access_token/internal\r\n", []));
        await using ServiceProvider provider = Build(feishu.BaseAddress);

        var ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_k"));

        Assert.Empty(elsewhere.Requests);
        Assert.Equal(status, (int)ex.StatusCode);
        Assert.Contains("redirect", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        Assert.Single(feishu.Requests);
    }

    [Fact]
    public async Task A_download_redirected_to_another_host_carries_no_Authorization_there()
    {
        await using var elsewhere = new LoopbackServer(_ => LoopbackServer.Response(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n", [1, 2, 3]));
        await using var feishu = new LoopbackServer(head => head.StartsWith("POST", StringComparison.Ordinal)
            ? LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-redirected", 7200)))
            : LoopbackServer.Response($"HTTP/1.1 302 Found\r\nLocation: {elsewhere.BaseAddress}cdn/file\r\n", []));
        await using ServiceProvider provider = Build(feishu.BaseAddress);

        await using FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_k");
        await download.CopyToAsync(Stream.Null);

        Assert.Contains("Authorization: Bearer t-redirected", feishu.Requests.Last().Head, StringComparison.Ordinal);
        (string head, _) = Assert.Single(elsewhere.Requests);
        Assert.DoesNotContain("Authorization", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("t-redirected", head, StringComparison.Ordinal);
    }
}
