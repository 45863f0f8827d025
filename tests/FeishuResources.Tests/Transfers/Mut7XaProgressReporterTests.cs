using FeishuResources.Tests.TestSupport;
using FeishuResources.Transfers;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>The progress throttle between reports: never the same total twice, and 64 KiB counted from the last report.</summary>
public sealed class Mut7XaProgressReporterTests
{
    [Fact]
    public void A_total_already_reported_is_not_reported_again_however_late_it_comes()
    {
        var time = new TestClock();
        var progress = new RecordingProgress();
        var reporter = ProgressReporter.For(progress, time);

        reporter.Advance(70_000);
        time.Advance(TimeSpan.FromSeconds(1));
        reporter.Advance(70_000);

        Assert.Equal(new long[] { 70_000 }, progress.Reports);
    }

    [Fact]
    public void Within_100_ms_the_next_report_waits_for_64_KiB_more_than_the_last_report()
    {
        var time = new TestClock();
        var progress = new RecordingProgress();
        var reporter = ProgressReporter.For(progress, time);

        reporter.Advance(70_000);
        reporter.Advance(70_000 + (64 * 1024) - 1);
        reporter.Advance(70_000 + (64 * 1024));

        Assert.Equal(new long[] { 70_000, 70_000 + (64 * 1024) }, progress.Reports);
    }
}
