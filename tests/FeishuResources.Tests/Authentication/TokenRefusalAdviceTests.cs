using System.Net;
using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>
/// What a user reads when a token endpoint issues no usable token: which endpoint refused, what it said, and what
/// to check for that kind of app. Asked through the SDK's token provider, as an app resolves it (IFeishuTokenProvider).
/// </summary>
public sealed class TokenRefusalAdviceTests
{
    private const string Auth = MockFeishu.BaseUrl + "/open-apis/auth/v3/";
    private const string SelfBuiltAdvice = "Check FeishuResourcesOptions.AppId and AppSecret against the developer console.";
    private const string StoreAppAdvice = "Check FeishuResourcesOptions.AppId, AppSecret and the latest app_ticket.";
    private const string Refused = """{"code":10014,"msg":"app secret invalid"}""";

    [Theory]
    [InlineData(Refused, "code 10014 (HTTP 200), \"app secret invalid\"")]
    [InlineData("""{"code":0,"msg":"ok","expire":7200}""", "HTTP 200, \"the answer carried no token\"")]
    [InlineData("""{"code":0,"msg":"ok","tenant_access_token":"","expire":7200}""", "HTTP 200, \"the answer carried no token\"")]
    [InlineData("""{"code":0,"msg":"ok","tenant_access_token":" t-leading-space","expire":7200}""", "HTTP 200, \"the answer carried a token no Authorization header can carry (only visible ASCII is allowed)\"")]
    public async Task A_self_built_app_whose_token_is_refused_is_told_to_check_its_app_id_and_secret(string answer, string said)
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, answer));

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => TokenAsync(feishu, new FeishuTokenRequest()));

        Assert.Equal("The token endpoint open-apis/auth/v3/tenant_access_token/internal refused the app: " + said + ". " + SelfBuiltAdvice, ex.Summary);
    }

    [Theory]
    [InlineData(Refused, "code 10014 (HTTP 200), \"app secret invalid\"")]
    [InlineData("""{"code":10012,"msg":"app_ticket invalid"}""", "code 10012 (HTTP 200), \"app_ticket invalid\"")]
    [InlineData("""{"code":0,"msg":"ok","expire":7200}""", "HTTP 200, \"the answer carried no token\"")]
    public async Task A_store_app_whose_app_token_is_refused_is_told_to_check_its_credentials_and_latest_ticket(string answer, string said)
    {
        using MockFeishu feishu = StoreApp(answer, MockFeishu.TokenBody("t-tenant", 7200));
        feishu.Services.GetRequiredService<FeishuAppTicketStore>().SetTicket("ticket");

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => TokenAsync(feishu, new FeishuTokenRequest("tenant-a")));

        Assert.Equal("The token endpoint open-apis/auth/v3/app_access_token refused the app: " + said + ". " + StoreAppAdvice, ex.Summary);
    }

    [Fact]
    public async Task A_store_app_without_a_ticket_is_told_to_hand_app_ticket_events_to_the_store()
    {
        using MockFeishu feishu = StoreApp(MockFeishu.TokenBody("a-app", 7200, "app_access_token"), MockFeishu.TokenBody("t-tenant", 7200));

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => TokenAsync(feishu, new FeishuTokenRequest("tenant-a")));

        Assert.Equal(
            "The token endpoint open-apis/auth/v3/app_access_token refused the app: code 10012 (HTTP 200), \"no app_ticket has been received yet\". "
                + "Hand each app_ticket event to FeishuAppTicketStore.SetTicket; a resend was requested, retry when it arrives.",
            ex.Summary);
    }

    [Fact]
    public async Task A_store_app_whose_tenant_token_is_refused_is_told_to_check_the_app_is_installed_in_that_tenant()
    {
        using MockFeishu feishu = StoreApp(MockFeishu.TokenBody("a-app", 7200, "app_access_token"), """{"code":10002,"msg":"tenant_key invalid"}""");
        feishu.Services.GetRequiredService<FeishuAppTicketStore>().SetTicket("ticket");

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => TokenAsync(feishu, new FeishuTokenRequest("tenant-a")));

        Assert.Equal("The token endpoint open-apis/auth/v3/tenant_access_token refused the app: code 10002 (HTTP 200), \"tenant_key invalid\". Check that the app is installed in tenant 'tenant-a'.", ex.Summary);
    }

    [Fact]
    public async Task A_store_apps_token_provider_asked_without_a_tenant_is_refused_naming_TenantKey()
    {
        using MockFeishu feishu = StoreApp(MockFeishu.TokenBody("a-app", 7200, "app_access_token"), MockFeishu.TokenBody("t-tenant", 7200));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => TokenAsync(feishu, new FeishuTokenRequest()));

        Assert.Equal("Store apps act for one tenant per call: set FeishuRequestOptions.TenantKey.", ex.Message);
        Assert.Empty(feishu.Sent);
    }

    private static MockFeishu StoreApp(string appTokenAnswer, string tenantTokenAnswer)
    {
        var feishu = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, Auth + "app_ticket/resend").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, """{"code":0,"msg":"ok"}"""));
        feishu.Http.When(HttpMethod.Post, Auth + "app_access_token").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, appTokenAnswer));
        feishu.Http.When(HttpMethod.Post, Auth + "tenant_access_token").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, tenantTokenAnswer));
        return feishu;
    }

    private static async Task<string> TokenAsync(MockFeishu feishu, FeishuTokenRequest request)
        => await feishu.Services.GetRequiredService<IFeishuTokenProvider>().GetTokenAsync(request, CancellationToken.None);
}
