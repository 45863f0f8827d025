using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>
/// An early refresh runs in the background and nobody awaits it: when it fails, the SDK observes the failure itself,
/// so an application's <see cref="TaskScheduler.UnobservedTaskException"/> handler (often a crash report) never hears of it.
/// </summary>
public sealed class TokenRefreshObservationTests
{
    [Fact]
    public async Task A_failed_early_refresh_that_nobody_waits_for_raises_no_UnobservedTaskException()
    {
        string marker = "refresh-refused-" + Guid.NewGuid().ToString("N");
        var unobserved = new ConcurrentQueue<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> record = (_, e) =>
        {
            if (e.Exception.ToString().Contains(marker, StringComparison.Ordinal))
            {
                unobserved.Enqueue(e.Exception);
            }
        };
        using var telemetry = new TelemetryCapture(metrics: false);
        using var feishu = new MockFeishu(tokenEndpoint: false);
        int calls = 0;
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => Interlocked.Increment(ref calls) == 1
            ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-first", 7200))
            : MockFeishu.Json(HttpStatusCode.OK, $$"""{"code":10014,"msg":"{{marker}}"}"""));
        TokenCachingTests.RespondWithFile(feishu);
        TaskScheduler.UnobservedTaskException += record;
        try
        {
            await TokenCachingTests.DownloadAsync(feishu, "a");
            feishu.Time.Advance(TimeSpan.FromSeconds(7200 - 60));
            await TokenCachingTests.DownloadAsync(feishu, "b");
            await FakeTimeDriver.EventuallyAsync(
                () => telemetry.StoppedNamed("feishu.token.fetch").Any(a => a.Status == ActivityStatusCode.Error),
                "the early refresh failed");

            // A faulted task nobody observed reports itself when the collector finalizes it.
            for (int i = 0; i < 10 && unobserved.IsEmpty; i++)
            {
                await Task.Delay(20);
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= record;
        }

        Assert.Equal(2, calls);
        Assert.Empty(unobserved);
    }
}
