using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Resilience;

public sealed class TimeoutTests
{
    private static (MockFeishu Feishu, ScriptedHandler Network) Create(Action<FeishuResourcesOptions> configure, Func<int, CancellationToken, Task<HttpResponseMessage>> downloads)
    {
        ScriptedHandler? network = null;
        var feishu = new MockFeishu(configure, services => services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(sp => network!)));
        network = new ScriptedHandler(feishu.Http, downloads);
        return (feishu, network);
    }

    [Fact]
    public async Task An_attempt_without_response_headers_times_out_after_AttemptTimeout()
    {
        var (feishu, network) = Create(o => o.Timeouts.AttemptTimeout = TimeSpan.FromSeconds(5), (_, ct) => ScriptedHandler.StallAsync(ct));
        using var _ = feishu;

        Task<FeishuDownload> download = feishu.Client.DownloadFileAsync("k");
        await FakeTimeDriver.EventuallyAsync(() => network.DownloadCount == 1, "the request was sent");
        feishu.Time.Advance(TimeSpan.FromSeconds(4.9));
        await FakeTimeDriver.SettleAsync();
        Assert.False(download.IsCompleted);

        feishu.Time.Advance(TimeSpan.FromSeconds(0.1));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => download.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("AttemptTimeout", ex.Message);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_as_transient()
    {
        var (feishu, network) = Create(
            o => { o.Timeouts.AttemptTimeout = TimeSpan.FromSeconds(5); o.Retry.MaxRetryAttempts = 1; },
            (call, ct) => call == 1 ? ScriptedHandler.StallAsync(ct) : Task.FromResult(MockFeishu.File(new byte[] { 7 })));
        using var _ = feishu;

        using FeishuDownload download = await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1));

        Assert.Equal(2, network.DownloadCount);
        Assert.Equal(7, download.Content.ReadByte());
    }

    [Fact]
    public async Task The_total_budget_ends_the_request_phase_whatever_the_attempts()
    {
        var (feishu, _) = Create(
            o => { o.Timeouts.AttemptTimeout = TimeSpan.FromSeconds(15); o.Timeouts.TotalTimeout = TimeSpan.FromSeconds(20); o.Retry.MaxRetryAttempts = 100; },
            (_, ct) => ScriptedHandler.StallAsync(ct));
        using var __ = feishu;

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));

        Assert.Contains("TotalTimeout", ex.Message);
    }

    [Fact]
    public async Task Waiting_for_a_rate_limit_permit_does_not_count_against_the_attempt_timeout()
    {
        var (feishu, network) = Create(
            o =>
            {
                o.RateLimit.Enabled = true;
                o.RateLimit.PermitsPerSecond = 1;
                o.RateLimit.SafetyMargin = TimeSpan.Zero;
                o.Timeouts.AttemptTimeout = TimeSpan.FromMilliseconds(500);
            },
            (_, _) => Task.FromResult(MockFeishu.File(new byte[1])));
        using var _ = feishu;
        (await feishu.Client.DownloadFileAsync("first")).Dispose();

        using FeishuDownload second = await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("second"), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));

        Assert.Equal(2, network.DownloadCount);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout_nor_retried()
    {
        var (feishu, network) = Create(o => o.Retry.MaxRetryAttempts = 3, (_, ct) => ScriptedHandler.StallAsync(ct));
        using var _ = feishu;
        using var cancel = new CancellationTokenSource();

        Task<FeishuDownload> download = feishu.Client.DownloadFileAsync("k", cancel.Token);
        await FakeTimeDriver.EventuallyAsync(() => network.DownloadCount == 1, "the request was sent");
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, network.DownloadCount);
    }
}
