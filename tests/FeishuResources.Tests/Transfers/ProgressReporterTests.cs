using FeishuResources.Tests.TestSupport;
using FeishuResources.Transfers;
using Xunit;

namespace FeishuResources.Tests.Transfers;

public sealed class ProgressReporterTests
{
    [Fact]
    public void Small_steps_are_reported_once_100_ms_have_passed()
    {
        var time = new TestClock();
        var progress = new RecordingProgress();
        var reporter = ProgressReporter.For(progress, time);

        reporter.Advance(1_000);
        time.Advance(TimeSpan.FromMilliseconds(99));
        reporter.Advance(2_000);
        Assert.Empty(progress.Reports);

        time.Advance(TimeSpan.FromMilliseconds(1));
        reporter.Advance(3_000);
        Assert.Equal(new long[] { 3_000 }, progress.Reports);
    }

    [Fact]
    public void A_64_KiB_step_is_reported_at_once_and_the_end_exactly_once()
    {
        var time = new TestClock();
        var progress = new RecordingProgress();
        var reporter = ProgressReporter.For(progress, time);

        reporter.Advance(64 * 1024 - 1);
        reporter.Advance(64 * 1024);
        reporter.Advance(64 * 1024);
        reporter.Complete(70_000);
        reporter.Complete(70_000);

        Assert.Equal(new long[] { 64 * 1024, 70_000 }, progress.Reports);
    }
}
