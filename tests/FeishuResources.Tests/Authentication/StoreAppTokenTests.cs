using System.Net;
using System.Text.Json;
using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

public sealed class StoreAppTokenTests : IDisposable
{
    private const string Auth = MockFeishu.BaseUrl + "/open-apis/auth/v3/";
    private readonly MockFeishu _feishu;
    private int _appTokens;
    private int _tenantTokens;

    public StoreAppTokenTests()
    {
        _feishu = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);
        _feishu.Http.When(HttpMethod.Post, Auth + "app_ticket/resend").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, """{"code":0,"msg":"ok"}"""));
        _feishu.Http.When(HttpMethod.Post, Auth + "app_access_token").Respond(async request =>
        {
            using JsonDocument body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync());
            return body.RootElement.GetProperty("app_ticket").GetString() == "good-ticket"
                ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("a-app-" + Interlocked.Increment(ref _appTokens), 7200, "app_access_token"))
                : MockFeishu.Json(HttpStatusCode.OK, """{"code":10012,"msg":"app_ticket invalid"}""");
        });
        _feishu.Http.When(HttpMethod.Post, Auth + "tenant_access_token").Respond(async request =>
        {
            using JsonDocument body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync());
            string tenant = body.RootElement.GetProperty("tenant_key").GetString()!;
            Interlocked.Increment(ref _tenantTokens);
            return MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-" + tenant, 7200));
        });
        TokenCachingTests.RespondWithFile(_feishu);
    }

    private FeishuAppTicketStore Tickets => _feishu.Services.GetRequiredService<FeishuAppTicketStore>();

    public void Dispose() => _feishu.Dispose();

    [Fact]
    public async Task Without_a_ticket_a_resend_is_requested_and_the_call_fails_with_authentication()
    {
        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => DownloadAsync("tenant-a"));

        Assert.Equal(FeishuErrorCodes.AppTicketInvalid, ex.Code);
        Assert.Contains("FeishuAppTicketStore.SetTicket", ex.Message, StringComparison.Ordinal);
        SentRequest resend = Assert.Single(_feishu.SentTo("/app_ticket/resend"));
        Assert.Equal("""{"app_id":"cli_test_app","app_secret":"s3cr3t-app-secret-value"}""", resend.BodyText);
        Assert.Empty(_feishu.SentTo("/app_access_token"));
        Assert.Empty(_feishu.Downloads);
    }

    [Fact]
    public async Task With_a_ticket_one_app_token_serves_a_tenant_token_per_tenant()
    {
        Tickets.SetTicket("good-ticket");

        await DownloadAsync("tenant-a");
        await DownloadAsync("tenant-b");
        await DownloadAsync("tenant-a");
        await DownloadAsync("tenant-b");

        Assert.Equal(1, _appTokens);
        Assert.Equal(2, _tenantTokens);
        Assert.Equal(["Bearer t-tenant-a", "Bearer t-tenant-b", "Bearer t-tenant-a", "Bearer t-tenant-b"], _feishu.Downloads.Select(r => r.Authorization));
        Assert.Contains("\"app_ticket\":\"good-ticket\"", Assert.Single(_feishu.SentTo("/app_access_token")).BodyText, StringComparison.Ordinal);
        Assert.All(_feishu.SentTo("/v3/tenant_access_token"), r => Assert.Contains("\"app_access_token\":\"a-app-1\"", r.BodyText, StringComparison.Ordinal));
        Assert.Empty(_feishu.SentTo("/tenant_access_token/internal"));
        Assert.Empty(_feishu.SentTo("/app_ticket/resend"));
    }

    [Fact]
    public async Task An_invalid_ticket_is_forgotten_and_a_resend_requested()
    {
        Tickets.SetTicket("stale-ticket");

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => DownloadAsync("tenant-a"));

        Assert.Equal(FeishuErrorCodes.AppTicketInvalid, ex.Code);
        Assert.Null(Tickets.Ticket);
        Assert.Single(_feishu.SentTo("/app_ticket/resend"));
        Assert.Empty(_feishu.Downloads);

        Tickets.SetTicket("good-ticket");
        await DownloadAsync("tenant-a");
        Assert.Equal("Bearer t-tenant-a", Assert.Single(_feishu.Downloads).Authorization);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_store_app_call_without_a_tenant_key_is_refused_before_any_request(string? tenantKey)
    {
        Tickets.SetTicket("good-ticket");
        var options = new FeishuRequestOptions { TenantKey = tenantKey };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _feishu.Client.DownloadFileAsync("file_k", options));
        // The overload without request options cannot name a tenant at all: a misuse of the overload, not bad input.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _feishu.Client.DownloadMessageResourceAsync("om_1", "file_k", FeishuResourceType.File));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _feishu.Client.DownloadFileAsync("file_k"));

        Assert.Equal("requestOptions", ex.ParamName);
        Assert.Contains("TenantKey", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_feishu.Sent);
    }

    [Fact]
    public void A_blank_ticket_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Tickets.SetTicket(" "));
        Assert.Throws<ArgumentNullException>(() => Tickets.SetTicket(null!));
    }

    private async Task DownloadAsync(string tenantKey)
    {
        await using FeishuDownload download = await _feishu.Client.DownloadFileAsync("file_k", new FeishuRequestOptions { TenantKey = tenantKey });
        await download.CopyToAsync(Stream.Null);
    }
}
