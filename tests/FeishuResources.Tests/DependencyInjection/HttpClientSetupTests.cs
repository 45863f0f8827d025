using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.DependencyInjection;

/// <summary>How the SDK sets up the HttpClients it registers: no client-wide timeout, no IHttpClientFactory request logs.</summary>
public sealed class HttpClientSetupTests
{
    [Fact]
    public void The_registered_http_clients_have_no_timeout_of_their_own_so_long_bodies_keep_flowing()
    {
        var services = new ServiceCollection();
        IHttpClientBuilder defaultBuilder = services.AddFeishuResources(o => { o.AppId = "cli_x"; o.AppSecret = "s"; });
        IHttpClientBuilder sales = services.AddFeishuResources("sales", o => { o.AppId = "cli_sales"; o.AppSecret = "s"; });
        using ServiceProvider provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        Assert.Equal(Timeout.InfiniteTimeSpan, factory.CreateClient(defaultBuilder.Name).Timeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, factory.CreateClient(sales.Name).Timeout);
        // The token endpoint's requests are bounded one by one by the SDK, not by the HttpClient.
        Assert.Equal(Timeout.InfiniteTimeSpan, factory.CreateClient(TokenEndpointClient.HttpClientName).Timeout);
    }

    [Fact]
    public async Task A_download_with_its_token_fetch_writes_none_of_the_http_client_factory_request_logs()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(MockFeishu.BaseUrl + "/open-apis/im/v1/files/*").Respond(_ => MockFeishu.File([1]));

        (await feishu.Client.DownloadFileAsync("file_k")).Dispose();

        Assert.Equal(1, feishu.TokensIssued);
        Assert.NotEmpty(feishu.Logs.GetSnapshot());
        Assert.DoesNotContain(feishu.Logs.GetSnapshot(), r => r.Category?.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) == true);
    }
}
