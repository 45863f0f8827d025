using System.Threading.RateLimiting;
using FeishuResources.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

/// <summary>The windows measured on clocks whose timestamps do not tick in <see cref="TimeSpan"/> ticks.</summary>
public sealed class LimiterClockUnitTests
{
    private static StrictWindowRateLimiter Create(TimeProvider time, TimeSpan margin)
        => new(time, new[] { new RateWindow(1, TimeSpan.FromSeconds(1)) }, margin);

    [Fact]
    public void The_test_clock_ticks_in_nanoseconds_not_in_TimeSpan_ticks()
    {
        var time = new TestClock();
        long before = time.GetTimestamp();
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.NotEqual(TimeSpan.TicksPerSecond, time.TimestampFrequency);
        Assert.Equal(1_000_000, time.GetTimestamp() - before);
    }

    [Fact]
    public void On_a_nanosecond_clock_a_window_lasts_its_length_plus_the_margin()
    {
        var time = new TestClock();
        using var limiter = Create(time, TimeSpan.FromMilliseconds(50));
        limiter.AttemptAcquire().Dispose();

        time.Advance(TimeSpan.FromMilliseconds(1049));
        RateLimitLease refused = limiter.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(1), retryAfter);

        time.Advance(TimeSpan.FromMilliseconds(1));
        using RateLimitLease lease = limiter.AttemptAcquire();
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void On_a_3_579545_MHz_clock_retrying_after_the_refusals_RetryAfter_succeeds()
    {
        // The ACPI power-management timer's frequency: a TimeSpan tick is not a whole number of its timestamps, so a
        // wait converted from timestamps must be rounded up or a caller who waits exactly that long is refused again.
        var time = new ScaledClock(3_579_545);
        using var limiter = Create(time, TimeSpan.Zero);
        time.Advance(TimeSpan.FromTicks(3));
        limiter.AttemptAcquire().Dispose();
        time.Advance(TimeSpan.FromMilliseconds(200) - TimeSpan.FromTicks(3));

        RateLimitLease refused = limiter.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromMilliseconds(799), TimeSpan.FromMilliseconds(801));

        time.Advance(retryAfter);
        using RateLimitLease lease = limiter.AttemptAcquire();
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task On_a_3_579545_MHz_clock_a_waiter_is_served_when_the_window_has_passed()
    {
        var time = new ScaledClock(3_579_545);
        using var limiter = Create(time, TimeSpan.FromMilliseconds(50));
        time.Advance(TimeSpan.FromTicks(3));
        limiter.AttemptAcquire().Dispose();
        ValueTask<RateLimitLease> waiting = limiter.AcquireAsync();

        time.Advance(TimeSpan.FromMilliseconds(1049));
        Assert.False(waiting.IsCompleted);

        // Within a timestamp of the window's end (a timestamp here is 2.8 TimeSpan ticks).
        time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.True(waiting.IsCompleted);
        using RateLimitLease lease = await waiting;
        Assert.True(lease.IsAcquired);
    }

    /// <summary>A fake clock whose timestamps tick <c>frequency</c> times a second, rounded down like a hardware counter's.</summary>
    private sealed class ScaledClock(long frequency) : FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero))
    {
        private readonly long _start = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        public override long TimestampFrequency => frequency;

        public override long GetTimestamp() => (long)((Int128)(GetUtcNow().UtcTicks - _start) * frequency / TimeSpan.TicksPerSecond);
    }
}
