using System.Net;
using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>The token requests as the platform receives them: UTF-8 JSON, declared as such, with exactly the fields it expects.</summary>
public sealed class TokenRequestWireTests
{
    private const string Auth = MockFeishu.BaseUrl + "/open-apis/auth/v3/";
    private const string Json = "application/json; charset=utf-8";

    [Fact]
    public async Task A_self_built_apps_token_request_is_utf8_json_with_its_app_id_and_secret()
    {
        using var feishu = new MockFeishu();
        TokenCachingTests.RespondWithFile(feishu);

        await TokenCachingTests.DownloadAsync(feishu, "file_k");

        SentRequest token = Assert.Single(feishu.SentTo("/auth/"));
        Assert.Equal(Json, token.ContentType);
        Assert.Equal("""{"app_id":"cli_test_app","app_secret":"s3cr3t-app-secret-value"}""", token.BodyText);
    }

    [Fact]
    public async Task A_store_apps_token_requests_are_utf8_json_with_the_ticket_then_the_app_token_and_tenant()
    {
        using var feishu = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, Auth + "app_access_token").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("a-app", 7200, "app_access_token")));
        feishu.Http.When(HttpMethod.Post, Auth + "tenant_access_token").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-tenant", 7200)));
        feishu.Services.GetRequiredService<FeishuAppTicketStore>().SetTicket("ticket-1");

        await feishu.Services.GetRequiredService<IFeishuTokenProvider>().GetTokenAsync(new FeishuTokenRequest("tenant-a"), CancellationToken.None);

        Assert.All(feishu.Sent, r => Assert.Equal(Json, r.ContentType));
        Assert.Equal(
            [
                """{"app_id":"cli_test_app","app_secret":"s3cr3t-app-secret-value","app_ticket":"ticket-1"}""",
                """{"app_access_token":"a-app","tenant_key":"tenant-a"}""",
            ],
            feishu.Sent.Select(r => r.BodyText));
    }

    [Fact]
    public async Task A_store_apps_ticket_resend_request_is_utf8_json_with_its_app_id_and_secret()
    {
        using var feishu = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, Auth + "app_ticket/resend").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, """{"code":0,"msg":"ok"}"""));

        await Assert.ThrowsAsync<FeishuAuthenticationException>(async () => await feishu.Services.GetRequiredService<IFeishuTokenProvider>().GetTokenAsync(new FeishuTokenRequest("tenant-a"), CancellationToken.None));

        SentRequest resend = Assert.Single(feishu.Sent);
        Assert.Equal(Json, resend.ContentType);
        Assert.Equal("""{"app_id":"cli_test_app","app_secret":"s3cr3t-app-secret-value"}""", resend.BodyText);
    }
}
