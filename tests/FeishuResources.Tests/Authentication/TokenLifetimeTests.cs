using System.Net;
using FeishuResources.Diagnostics;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>How long a token is used, when its refresh is tried again, and how long its request may take.</summary>
public sealed class TokenLifetimeTests
{
    [Theory]
    [InlineData("""{"code":0,"msg":"ok","tenant_access_token":"t-first"}""")]
    [InlineData("""{"code":0,"msg":"ok","tenant_access_token":"t-first","expire":0}""")]
    [InlineData("""{"code":0,"msg":"ok","tenant_access_token":"t-first","expire":-60}""")]
    public async Task A_token_without_a_usable_expire_is_used_for_the_shortest_fresh_life_of_30_minutes(string answer)
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        int calls = 0;
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => Interlocked.Increment(ref calls) == 1
            ? MockFeishu.Json(HttpStatusCode.OK, answer)
            : MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-second", 7200)));
        TokenCachingTests.RespondWithFile(feishu);
        await TokenCachingTests.DownloadAsync(feishu, "first");

        // 30 minutes, refreshed its 5-minute margin early: still the first token at 24:59 and until 30:00.
        feishu.Time.Advance(TimeSpan.FromSeconds((25 * 60) - 1));
        await TokenCachingTests.DownloadAsync(feishu, "at-24-59");
        Assert.Equal(1, Volatile.Read(ref calls));

        feishu.Time.Advance(TimeSpan.FromSeconds((5 * 60) + 1));
        await TokenCachingTests.DownloadAsync(feishu, "after-30-00");

        Assert.Equal(["Bearer t-first", "Bearer t-first", "Bearer t-second"], feishu.Downloads.Select(r => r.Authorization));
    }

    [Fact]
    public async Task The_early_refresh_starts_exactly_its_margin_before_expiry_and_the_token_is_not_sent_at_its_expiry()
    {
        // The token request may hang past the expiry without timing out.
        using var feishu = new MockFeishu(o =>
        {
            o.Timeouts.AttemptTimeout = TimeSpan.FromHours(1);
            o.Timeouts.TotalTimeout = TimeSpan.FromHours(1);
        });
        TokenCachingTests.RespondWithFile(feishu);
        feishu.TokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task first = TokenCachingTests.DownloadAsync(feishu, "first");
        feishu.TokenGate.SetResult();
        await first;

        feishu.Time.Advance(TimeSpan.FromSeconds(7200 - 300));
        feishu.TokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await TokenCachingTests.DownloadAsync(feishu, "at-the-margin");
        await FakeTimeDriver.EventuallyAsync(() => feishu.TokensIssued == 1 && feishu.SentTo("/auth/").Count == 2, "the early refresh started at the margin");

        // The refresh hangs; at the expiry the old token is no longer sent: the download waits for the new one.
        feishu.Time.Advance(TimeSpan.FromSeconds(300));
        Task atExpiry = TokenCachingTests.DownloadAsync(feishu, "at-expiry");
        Assert.Equal(["Bearer t-token-1", "Bearer t-token-1"], feishu.Downloads.Select(r => r.Authorization));
        feishu.TokenGate.SetResult();
        await atExpiry;

        Assert.Equal("Bearer t-token-2", feishu.Downloads[^1].Authorization);
    }

    [Fact]
    public async Task A_server_error_whose_body_claims_success_is_a_server_failure_not_a_token()
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.InternalServerError, MockFeishu.TokenBody("t-not-really", 7200)));

        FeishuApiException ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.Equal(typeof(FeishuApiException), ex.GetType());
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("retrying may help", ex.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Downloads);
    }

    [Fact]
    public async Task A_failed_early_refresh_is_not_tried_again_within_ten_seconds_but_is_after()
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        Func<int> calls = await FailOneEarlyRefreshAsync(feishu);
        await FakeTimeDriver.EventuallyAsync(() => calls() == 2, "the early refresh was attempted");

        feishu.Time.Advance(TimeSpan.FromSeconds(5));
        await TokenCachingTests.DownloadAsync(feishu, "five-seconds-later");
        await Task.Delay(300); // a refresh started now (wrongly) would reach the endpoint well within this
        Assert.Equal(2, calls());

        // Past 10 s from the failure, however late the failure was recorded after the endpoint was called.
        feishu.Time.Advance(TimeSpan.FromSeconds(10));
        await TokenCachingTests.DownloadAsync(feishu, "fifteen-seconds-later");
        await FakeTimeDriver.EventuallyAsync(() => calls() == 3, "the early refresh was tried again after 10 s");
        await FakeTimeDriver.EventuallyAsync(
            () =>
            {
                TokenCachingTests.DownloadAsync(feishu, "next").GetAwaiter().GetResult();
                return feishu.Downloads[^1].Authorization == "Bearer t-second";
            },
            "the refreshed token is used");
    }

    [Fact]
    public async Task A_failed_early_refresh_is_tried_again_at_exactly_ten_seconds_after_its_failure()
    {
        using var telemetry = new TelemetryCapture(metrics: false);
        using var feishu = new MockFeishu(tokenEndpoint: false);
        Func<int> calls = await FailOneEarlyRefreshAsync(feishu);
        // The fetch's activity stops after the failure time was recorded: the clock has not moved since.
        await FakeTimeDriver.EventuallyAsync(() => telemetry.StoppedNamed(TelemetryNames.TokenFetchActivity).Count == 2, "the early refresh failed");

        feishu.Time.Advance(TimeSpan.FromSeconds(10));
        await TokenCachingTests.DownloadAsync(feishu, "ten-seconds-later");

        await FakeTimeDriver.EventuallyAsync(() => calls() == 3, "the early refresh was tried again at 10 s");
        Assert.All(feishu.Downloads, d => Assert.Equal("Bearer t-first", d.Authorization));
    }

    [Fact]
    public async Task With_no_attempt_timeout_a_silent_token_endpoint_still_gives_up_after_30_seconds()
    {
        StallingTokenEndpoint? endpoint = null;
        using var feishu = new MockFeishu(
            o =>
            {
                o.Timeouts.AttemptTimeout = Timeout.InfiniteTimeSpan;
                o.Timeouts.TotalTimeout = Timeout.InfiniteTimeSpan;
            },
            services => services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => endpoint!)),
            tokenEndpoint: false);
        endpoint = new StallingTokenEndpoint(feishu.Http);
        TokenCachingTests.RespondWithFile(feishu);

        Task<FeishuDownload> download = feishu.Client.DownloadFileAsync("file_k");
        await endpoint.Asked.Task;
        await FakeTimeDriver.EventuallyAsync(() => feishu.Time.HasTimerDueIn(TimeSpan.FromSeconds(30)), "the token request is bounded by 30 s");
        feishu.Time.Advance(TimeSpan.FromSeconds(29));
        await FakeTimeDriver.SettleAsync();
        Assert.False(download.IsCompleted);

        feishu.Time.Advance(TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => download);

        Assert.Contains("gave no answer within 30 s", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Serves t-first, then (7140 s later, in its refresh margin) downloads again, which starts an early refresh
    /// that fails; later requests get t-second. Returns how many token requests were made so far.
    /// </summary>
    private static async Task<Func<int>> FailOneEarlyRefreshAsync(MockFeishu feishu)
    {
        int calls = 0;
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => Interlocked.Increment(ref calls) switch
        {
            1 => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-first", 7200)),
            2 => MockFeishu.Json(HttpStatusCode.InternalServerError, """{"code":500,"msg":"busy"}"""),
            _ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-second", 7200)),
        });
        TokenCachingTests.RespondWithFile(feishu);
        await TokenCachingTests.DownloadAsync(feishu, "a");
        feishu.Time.Advance(TimeSpan.FromSeconds(7200 - 60));
        await TokenCachingTests.DownloadAsync(feishu, "starts-the-early-refresh");
        return () => Volatile.Read(ref calls);
    }

    /// <summary>A token endpoint that never answers until the request is cancelled.</summary>
    private sealed class StallingTokenEndpoint(HttpMessageHandler fallback) : DelegatingHandler(fallback)
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.Contains("/auth/", StringComparison.Ordinal))
            {
                return base.SendAsync(request, cancellationToken);
            }

            Asked.TrySetResult();
            return ScriptedHandler.StallAsync(cancellationToken);
        }
    }
}
