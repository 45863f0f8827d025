using System.Threading.RateLimiting;
using FeishuResources.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

/// <summary>What a caller who had to wait gets: a place that counts like any other until its answer arrives.</summary>
public sealed class QueuedLeaseTests
{
    private static StrictWindowRateLimiter Create(TimeProvider time, int perSecond)
        => new(time, new[] { new RateWindow(perSecond, TimeSpan.FromSeconds(1)), new RateWindow(1000, TimeSpan.FromMinutes(1)) }, TimeSpan.Zero);

    [Fact]
    public async Task A_queued_callers_place_is_anchored_when_its_answer_arrives_not_when_it_was_granted()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 1);
        limiter.AttemptAcquire().Dispose();
        ValueTask<RateLimitLease> queued = limiter.AcquireAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        RateLimitLease granted = await queued;
        Assert.True(granted.IsAcquired);

        await InFlightPlaceAssert.NextWaitsUntilAWindowAfterTheAnswerAsync(time, limiter.AcquireAsync(), granted.Dispose);
    }

    [Fact]
    public async Task The_next_waiter_is_served_on_time_while_the_one_served_before_it_is_still_in_flight()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 2);
        limiter.AttemptAcquire().Dispose();
        time.Advance(TimeSpan.FromMilliseconds(500));
        limiter.AttemptAcquire().Dispose();
        ValueTask<RateLimitLease> first = limiter.AcquireAsync();
        ValueTask<RateLimitLease> second = limiter.AcquireAsync();

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(first.IsCompleted);
        Assert.False(second.IsCompleted);

        // Nothing finishes from here on: only the limiter's own timer can serve the second waiter, when the
        // request two places back (started and finished at 0.5 s) has left the window.
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(second.IsCompleted);
        using RateLimitLease secondLease = await second;
        using RateLimitLease firstLease = await first;
        Assert.True(secondLease.IsAcquired);
        Assert.True(firstLease.IsAcquired);
    }

    [Fact]
    public async Task A_waiter_cancelled_after_it_was_served_keeps_its_lease()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 1);
        limiter.AttemptAcquire().Dispose();
        using var cancel = new CancellationTokenSource();
        ValueTask<RateLimitLease> queued = limiter.AcquireAsync(1, cancel.Token);
        time.Advance(TimeSpan.FromSeconds(1));

        cancel.Cancel();

        using RateLimitLease lease = await queued;
        Assert.True(lease.IsAcquired);
        Assert.Equal(0, limiter.GetStatistics()!.TotalFailedLeases);
    }

    [Fact]
    public void A_limiter_whose_timer_is_late_is_not_idle_while_a_caller_waits()
    {
        // A loaded machine may run the wake-up long after it was due; until it runs, the waiter still counts,
        // so the registry must not retire the limiter (a retired limiter would never serve it).
        var time = new LateTimerClock();
        using var limiter = Create(time, perSecond: 1);
        limiter.AttemptAcquire().Dispose();
        ValueTask<RateLimitLease> waiting = limiter.AcquireAsync();

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(waiting.IsCompleted);
        Assert.Null(limiter.IdleDuration);
        Assert.False(limiter.TryRetire(ClockLimiters.IdleLimit));
    }

    /// <summary>A clock whose timers never fire by themselves: a wake-up as late as a test needs.</summary>
    private sealed class LateTimerClock : FakeTimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new IdleTimer();

        private sealed class IdleTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => default;
        }
    }
}
