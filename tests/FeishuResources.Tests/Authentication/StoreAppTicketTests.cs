using System.Net;
using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>A store app's ticket and app access token: resends asked for sparingly, newer tickets kept, stale app tokens replaced.</summary>
public sealed class StoreAppTicketTests
{
    private const string Auth = MockFeishu.BaseUrl + "/open-apis/auth/v3/";

    [Fact]
    public async Task Without_a_ticket_a_resend_is_asked_for_at_most_once_a_minute()
    {
        using MockFeishu feishu = StoreApp(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("a-app", 7200, "app_access_token")));

        await Assert.ThrowsAsync<FeishuAuthenticationException>(() => DownloadAsync(feishu));
        feishu.Time.Advance(TimeSpan.FromSeconds(59.9));
        await Assert.ThrowsAsync<FeishuAuthenticationException>(() => DownloadAsync(feishu));
        Assert.Single(feishu.SentTo("/app_ticket/resend"));

        feishu.Time.Advance(TimeSpan.FromSeconds(0.1));
        await Assert.ThrowsAsync<FeishuAuthenticationException>(() => DownloadAsync(feishu));
        Assert.Equal(2, feishu.SentTo("/app_ticket/resend").Count);
    }

    [Fact]
    public async Task A_ticket_that_arrives_while_the_old_one_is_refused_is_kept()
    {
        FeishuAppTicketStore? tickets = null;
        using MockFeishu feishu = StoreApp(_ =>
        {
            tickets!.SetTicket("newer-ticket");
            return MockFeishu.Json(HttpStatusCode.OK, """{"code":10012,"msg":"app_ticket invalid"}""");
        });
        tickets = feishu.Services.GetRequiredService<FeishuAppTicketStore>();
        tickets.SetTicket("old-ticket");

        await Assert.ThrowsAsync<FeishuAuthenticationException>(() => DownloadAsync(feishu));

        Assert.Equal("newer-ticket", tickets.Ticket);
    }

    [Fact]
    public async Task A_stale_app_access_token_is_replaced_once_when_the_tenant_token_endpoint_rejects_it()
    {
        int appTokens = 0;
        using MockFeishu feishu = StoreApp(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("a-app-" + Interlocked.Increment(ref appTokens), 7200, "app_access_token")));
        feishu.Http.When(HttpMethod.Post, Auth + "tenant_access_token").Respond(async request =>
            (await request.Content!.ReadAsStringAsync()).Contains("\"a-app-1\"", StringComparison.Ordinal)
                ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(FeishuErrorCodes.AppAccessTokenInvalid))
                : MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-tenant", 7200)));
        feishu.Services.GetRequiredService<FeishuAppTicketStore>().SetTicket("good-ticket");

        await DownloadAsync(feishu);

        Assert.Equal(2, appTokens);
        Assert.Equal(2, feishu.SentTo("/v3/tenant_access_token").Count);
        Assert.Equal("Bearer t-tenant", Assert.Single(feishu.Downloads).Authorization);
    }

    private static MockFeishu StoreApp(Func<HttpRequestMessage, HttpResponseMessage> appToken)
    {
        var feishu = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, Auth + "app_ticket/resend").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, """{"code":0,"msg":"ok"}"""));
        feishu.Http.When(HttpMethod.Post, Auth + "app_access_token").Respond(appToken);
        TokenCachingTests.RespondWithFile(feishu);
        return feishu;
    }

    private static async Task DownloadAsync(MockFeishu feishu)
    {
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_k", new FeishuRequestOptions { TenantKey = "tenant-a" });
        await download.CopyToAsync(Stream.Null);
    }
}
