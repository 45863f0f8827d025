using System.Net;
using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>What an operator reads in the logs about tokens: which kind was fetched for whom, rejections, ticket resends.</summary>
public sealed class TokenLoggingTests
{
    private const string Auth = MockFeishu.BaseUrl + "/open-apis/auth/v3/";

    [Fact]
    public async Task A_self_built_apps_token_fetch_is_logged_with_its_kind_app_and_lifetime()
    {
        using var feishu = new MockFeishu();
        TokenCachingTests.RespondWithFile(feishu);

        await DownloadAsync(feishu, tenantKey: null);

        Assert.Contains("Fetched a tenant_access_token for app cli_test_app (tenant (app's own)), valid for 7200 s.", feishu.Logs.MessageText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_apps_token_fetches_are_logged_app_token_first_then_the_tenants()
    {
        using MockFeishu feishu = StoreApp();
        feishu.Services.GetRequiredService<FeishuAppTicketStore>().SetTicket("good-ticket");

        await DownloadAsync(feishu, "tenant-a");

        string logs = feishu.Logs.MessageText();
        Assert.Contains("Fetched a app_access_token for app cli_test_app (tenant (none)), valid for 7200 s.", logs, StringComparison.Ordinal);
        Assert.Contains("Fetched a tenant_access_token for app cli_test_app (tenant tenant-a), valid for 7200 s.", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_requested_ticket_resend_is_logged_as_requested()
    {
        using MockFeishu feishu = StoreApp();

        await Assert.ThrowsAsync<FeishuAuthenticationException>(() => DownloadAsync(feishu, "tenant-a"));

        string logs = feishu.Logs.MessageText();
        Assert.Contains("No valid app_ticket for store app cli_test_app; asked the platform to push one again.", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("AppTicketResendFailed", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_ticket_resend_is_logged_with_its_code_and_log_id()
    {
        using MockFeishu feishu = StoreApp(resend: _ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(10014), "RESENDLOG"));

        await Assert.ThrowsAsync<FeishuAuthenticationException>(() => DownloadAsync(feishu, "tenant-a"));

        string logs = feishu.Logs.MessageText();
        Assert.Contains("Asking the platform to resend the app_ticket of store app cli_test_app failed with code 10014 (log id RESENDLOG).", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("AppTicketResendRequested", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_is_logged_with_the_code_and_log_id_before_the_replay()
    {
        using var feishu = new MockFeishu();
        int downloads = 0;
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/*").Respond(_ => Interlocked.Increment(ref downloads) == 1
            ? MockFeishu.Json(HttpStatusCode.Unauthorized, MockFeishu.ErrorBody(FeishuErrorCodes.TenantAccessTokenInvalid), "REJECTLOG")
            : MockFeishu.File([1, 2, 3]));

        await DownloadAsync(feishu, tenantKey: null);

        Assert.Contains("The platform rejected the access token with code 99991663 (log id REJECTLOG)", feishu.Logs.MessageText(), StringComparison.Ordinal);
    }

    private static MockFeishu StoreApp(Func<HttpRequestMessage, HttpResponseMessage>? resend = null)
    {
        var feishu = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, Auth + "app_ticket/resend").Respond(resend ?? (_ => MockFeishu.Json(HttpStatusCode.OK, """{"code":0,"msg":"ok"}""")));
        feishu.Http.When(HttpMethod.Post, Auth + "app_access_token").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("a-app-1", 7200, "app_access_token")));
        feishu.Http.When(HttpMethod.Post, Auth + "tenant_access_token").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-tenant", 7200)));
        TokenCachingTests.RespondWithFile(feishu);
        return feishu;
    }

    private static async Task DownloadAsync(MockFeishu feishu, string? tenantKey)
    {
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_k", tenantKey is null ? null : new FeishuRequestOptions { TenantKey = tenantKey });
        await download.CopyToAsync(Stream.Null);
    }
}
