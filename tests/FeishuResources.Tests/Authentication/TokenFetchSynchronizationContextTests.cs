using System.Net;
using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>
/// A download whose token the SDK has to fetch (or fetch again) waits for it without resuming on the caller's
/// <see cref="SynchronizationContext"/>: resuming there deadlocks a UI thread or a classic ASP.NET request that blocks on it.
/// Each wait below really suspends: a token endpoint held until the call has returned, a download answered late.
/// </summary>
public sealed class TokenFetchSynchronizationContextTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_self_built_apps_download_that_fetches_caches_and_refetches_its_token_never_continues_on_the_callers_context()
    {
        // Download 3 is rejected at once (still on the caller's thread), so the fetch of a new token starts there too.
        ScriptedHandler? network = null;
        using var feishu = new MockFeishu(services: s => s.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => network!)));
        network = new ScriptedHandler(feishu.Http, (call, ct) => call == 3 ? Task.FromResult(Rejection()) : LateFileAsync(ct));
        var context = new CountingSynchronizationContext();

        feishu.TokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<FeishuDownload> cold = context.Start(() => feishu.Client.DownloadFileAsync("file_cold"));
        feishu.TokenGate.SetResult();
        (await cold.WaitAsync(Bound)).Dispose();

        (await context.Start(() => feishu.Client.DownloadFileAsync("file_cached")).WaitAsync(Bound)).Dispose();

        feishu.TokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<FeishuDownload> rejected = context.Start(() => feishu.Client.DownloadFileAsync("file_rejected"));
        feishu.TokenGate.SetResult();
        (await rejected.WaitAsync(Bound)).Dispose();

        Assert.Equal(4, network.DownloadCount);
        Assert.Equal(2, feishu.TokensIssued);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task A_store_apps_download_that_fetches_its_app_and_tenant_tokens_never_continues_on_the_callers_context()
    {
        var endpoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var feishu = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, MockFeishu.BaseUrl + "/open-apis/auth/v3/app_access_token").Respond(async _ =>
        {
            await endpoint.Task;
            return MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("a-app", 7200, "app_access_token"));
        });
        feishu.Http.When(HttpMethod.Post, MockFeishu.BaseUrl + "/open-apis/auth/v3/tenant_access_token").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-tenant", 7200)));
        TokenCachingTests.RespondWithFile(feishu);
        feishu.Services.GetRequiredService<FeishuAppTicketStore>().SetTicket("good-ticket");
        var context = new CountingSynchronizationContext();

        Task<FeishuDownload> download = context.Start(() => feishu.Client.DownloadFileAsync("file_k", new FeishuRequestOptions { TenantKey = "tenant-a" }));
        endpoint.SetResult();
        (await download.WaitAsync(Bound)).Dispose();

        Assert.Equal("Bearer t-tenant", Assert.Single(feishu.Downloads).Authorization);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task The_replay_after_a_registered_providers_token_is_rejected_never_continues_on_the_callers_context()
    {
        // The rejection and the provider's answer both come at once: the replay's send starts on the caller's thread.
        ScriptedHandler? network = null;
        using var feishu = new MockFeishu(
            services: s => s.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => network!)),
            client: b => b.UseTokenProvider(_ => new ImmediateTokenProvider()));
        network = new ScriptedHandler(feishu.Http, (call, ct) => call == 1 ? Task.FromResult(Rejection()) : LateFileAsync(ct));
        var context = new CountingSynchronizationContext();

        (await context.Start(() => feishu.Client.DownloadFileAsync("file_k")).WaitAsync(Bound)).Dispose();

        Assert.Equal(2, network.DownloadCount);
        Assert.Equal(0, context.Posts);
    }

    private static HttpResponseMessage Rejection() => MockFeishu.Json(HttpStatusCode.Unauthorized, MockFeishu.ErrorBody(FeishuErrorCodes.TenantAccessTokenInvalid));

    private static async Task<HttpResponseMessage> LateFileAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        return MockFeishu.File([1, 2, 3]);
    }

    /// <summary>Answers at once: a first token, and a second one once the first was rejected.</summary>
    private sealed class ImmediateTokenProvider : IFeishuTokenProvider
    {
        public ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken)
            => new(request.RejectedToken is null ? "u-first" : "u-second");
    }
}
