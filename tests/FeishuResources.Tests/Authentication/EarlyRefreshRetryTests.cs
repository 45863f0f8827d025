using System.Net;
using FeishuResources.Diagnostics;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>When a failed early refresh is tried again: not within 10 s of its failure (TokenLifetimeTests), and from exactly then on.</summary>
public sealed class EarlyRefreshRetryTests
{
    [Fact]
    public async Task A_failed_early_refresh_is_tried_again_at_exactly_ten_seconds_after_its_failure()
    {
        using var telemetry = new TelemetryCapture(metrics: false);
        using var feishu = new MockFeishu(tokenEndpoint: false);
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
        // The fetch's activity stops after the failure was recorded: the clock has not moved since.
        await FakeTimeDriver.EventuallyAsync(() => telemetry.StoppedNamed(TelemetryNames.TokenFetchActivity).Count == 2, "the early refresh failed");

        feishu.Time.Advance(TimeSpan.FromSeconds(10));
        await TokenCachingTests.DownloadAsync(feishu, "ten-seconds-later");

        await FakeTimeDriver.EventuallyAsync(() => Volatile.Read(ref calls) == 3, "the early refresh was tried again at 10 s");
        Assert.All(feishu.Downloads, d => Assert.Equal("Bearer t-first", d.Authorization));
    }
}
