using System.Net;
using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.DependencyInjection;

/// <summary>What a named client takes from its own registrations: its store app's ticket store and a token provider type chained on it.</summary>
public sealed class Mut8MsgNamedClientTests
{
    private const string Auth = MockFeishu.BaseUrl + "/open-apis/auth/v3/";

    [Fact]
    public async Task A_named_store_app_asks_for_its_app_token_with_the_ticket_of_its_own_keyed_store()
    {
        using var feishu = new MockFeishu(services: s => s.AddFeishuResources("shop", o =>
        {
            o.AppId = "cli_shop";
            o.AppSecret = "shop-secret";
            o.AppType = FeishuAppType.Store;
            o.RateLimit.Enabled = false;
            o.Retry.MaxRetryAttempts = 0;
        }));
        feishu.Http.When(HttpMethod.Post, Auth + "app_ticket/resend").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, """{"code":0,"msg":"ok"}"""));
        feishu.Http.When(HttpMethod.Post, Auth + "app_access_token").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("a-shop", 7200, "app_access_token")));
        feishu.Http.When(HttpMethod.Post, Auth + "tenant_access_token").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-shop", 7200)));
        feishu.Http.When(HttpMethod.Get, "*").Respond(_ => MockFeishu.File([1, 2, 3]));
        feishu.Services.GetRequiredKeyedService<FeishuAppTicketStore>("shop").SetTicket("shop-ticket");
        IFeishuResourceClient shop = feishu.Services.GetRequiredService<IFeishuResourceClientFactory>().CreateClient("shop");

        await using (FeishuDownload download = await shop.DownloadFileAsync("file_k", new FeishuRequestOptions { TenantKey = "tenant-a" }))
        {
            await download.CopyToAsync(Stream.Null);
        }

        SentRequest appToken = Assert.Single(feishu.SentTo("/app_access_token"));
        Assert.Contains("\"app_ticket\":\"shop-ticket\"", appToken.BodyText, StringComparison.Ordinal);
        Assert.Empty(feishu.SentTo("/app_ticket/resend"));
        Assert.Equal("Bearer t-shop", Assert.Single(feishu.Downloads).Authorization);
    }

    [Fact]
    public async Task A_token_provider_type_chained_on_a_named_client_serves_that_name_and_the_default_keeps_its_own_tokens()
    {
        using var feishu = new MockFeishu(services: s => s.AddFeishuResources("user", o =>
        {
            o.AppId = "cli_user";
            o.RateLimit.Enabled = false;
            o.Retry.MaxRetryAttempts = 0;
        }).UseTokenProvider<UserTokenProvider>());
        feishu.Http.When(HttpMethod.Get, "*").Respond(_ => MockFeishu.File([1]));
        feishu.Services.GetRequiredService<IStartupValidator>().Validate();
        IFeishuResourceClient user = feishu.Services.GetRequiredService<IFeishuResourceClientFactory>().CreateClient("user");

        (await user.DownloadFileAsync("file_k")).Dispose();
        (await feishu.Client.DownloadFileAsync("file_k")).Dispose();

        Assert.Equal(["Bearer u-user", "Bearer t-token-1"], feishu.Downloads.Select(r => r.Authorization));
    }

    private sealed class UserTokenProvider : IFeishuTokenProvider
    {
        public ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken) => new("u-user");
    }
}
