using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Http;

/// <summary>
/// An app that gives every HttpClient an <see cref="HttpClientHandler"/> (for a proxy, say) still gets a token
/// request that follows no redirect: the app secret reaches no other host.
/// </summary>
public sealed class ClassifierTokenRedirectTests
{
    private const string Secret = "handler-redirect-app-secret";

    [Fact]
    public async Task With_an_HttpClientHandler_for_every_client_the_token_request_still_follows_no_redirect()
    {
        await using var elsewhere = new LoopbackServer(_ => LoopbackServer.Response(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-stolen", 7200))));
        await using var feishu = new LoopbackServer(_ => LoopbackServer.Response(
            $"HTTP/1.1 307 Moved\r\nLocation: {elsewhere.BaseAddress}open-apis/auth/v3/tenant_access_token/internal\r\n", []));
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler()));
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_handler_redirect";
            o.AppSecret = Secret;
            o.BaseAddress = feishu.BaseAddress;
            o.Retry.MaxRetryAttempts = 0;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_k"));

        Assert.Empty(elsewhere.Requests);
        Assert.Equal(307, (int)ex.StatusCode);
        Assert.Contains("redirect", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(feishu.Requests);
    }
}
