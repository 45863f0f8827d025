using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using FeishuResources.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

/// <summary>
/// The callers queued on the strict limiter at the awkward instants: a wake-up that runs late, a cancellation at the
/// moment of serving, a token that outlives the wait, the limiter going away under them.
/// </summary>
public sealed class Mut8LimiterWaiterTests
{
    private static StrictWindowRateLimiter Create(TimeProvider time, int perSecond)
        => new(time, new[] { new RateWindow(perSecond, TimeSpan.FromSeconds(1)) }, TimeSpan.Zero);

    [Fact]
    public async Task A_newcomer_arriving_before_a_late_wake_up_does_not_take_the_place_of_the_caller_already_waiting()
    {
        var clock = new Mut8LimiterHandClock();
        using var limiter = Create(clock, perSecond: 1);
        limiter.AttemptAcquire().Dispose();
        ValueTask<RateLimitLease> waiting = limiter.AcquireAsync();

        // The place is free again, but the timer that serves the queue has not run yet.
        clock.Advance(TimeSpan.FromSeconds(1));
        using RateLimitLease newcomer = limiter.AttemptAcquire();

        Assert.False(newcomer.IsAcquired);
        clock.Timers.Single().Fire();
        Assert.True(waiting.IsCompleted);
        using RateLimitLease served = await waiting;
        Assert.True(served.IsAcquired);
    }

    [Fact]
    public async Task A_caller_cancelling_at_the_moment_it_is_served_gets_its_lease_and_the_cancel_does_not_throw()
    {
        var clock = new Mut8LimiterHandClock();
        using var limiter = Create(clock, perSecond: 1);
        limiter.AttemptAcquire().Dispose();
        using var cancel = new CancellationTokenSource();
        ValueTask<RateLimitLease> first = limiter.AcquireAsync(1, cancel.Token);
        ValueTask<RateLimitLease> second = limiter.AcquireAsync();
        clock.Advance(TimeSpan.FromSeconds(1));

        // When the wake-up re-arms for the second caller, the first is already out of the queue: cancel it right then.
        clock.OnTimerChange = _ =>
        {
            clock.OnTimerChange = null;
            cancel.Cancel();
        };
        clock.Timers.Single().Fire();

        Assert.True(cancel.IsCancellationRequested);
        Assert.True(first.IsCompleted);
        using RateLimitLease lease = await first;
        Assert.True(lease.IsAcquired);
        Assert.False(second.IsCompleted);
        Assert.Equal(0, limiter.GetStatistics()!.TotalFailedLeases);
    }

    [Fact]
    public void A_served_caller_whose_token_lives_on_does_not_stay_registered_on_it()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 1);

        AssertTheTokenKeepsNothing(token => ServeAfterAWait(time, limiter, token));
    }

    [Fact]
    public void A_caller_served_before_its_cancellation_was_registered_does_not_stay_registered_on_its_token()
    {
        var clock = new Mut8LimiterHandClock();
        using var limiter = Create(clock, perSecond: 2);

        AssertTheTokenKeepsNothing(token => ServeWhileQueuing(clock, limiter, token));
    }

    [Fact]
    public async Task Disposing_the_limiter_stops_the_wake_up_of_the_callers_it_fails()
    {
        (TestClock time, StrictWindowRateLimiter limiter, Task<RateLimitLease> waiting) = WaitOnAFullLimiter();
        Assert.True(time.HasTimerDueIn(TimeSpan.FromSeconds(1)));

        limiter.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.False(time.HasTimerDueIn(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_disposed_limiter_reports_nobody_queued()
    {
        (_, StrictWindowRateLimiter limiter, Task<RateLimitLease> waiting) = WaitOnAFullLimiter();
        Assert.Equal(1, limiter.GetStatistics()!.CurrentQueuedCount);

        limiter.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public async Task Cancelling_a_token_after_its_wait_was_failed_by_dispose_does_nothing()
    {
        using var cancel = new CancellationTokenSource();
        (_, StrictWindowRateLimiter limiter, Task<RateLimitLease> waiting) = WaitOnAFullLimiter(cancel.Token);
        limiter.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);

        cancel.Cancel();

        Assert.True(cancel.IsCancellationRequested);
    }

    [Fact]
    public async Task Disposing_asynchronously_fails_waiting_callers_like_dispose()
    {
        (TestClock time, StrictWindowRateLimiter limiter, Task<RateLimitLease> waiting) = WaitOnAFullLimiter();

        await limiter.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(time.HasTimerDueIn(TimeSpan.FromSeconds(1)));
        Assert.Throws<ObjectDisposedException>(() => limiter.AttemptAcquire());
    }

    [Fact]
    public void A_request_for_more_than_one_permit_is_refused_saying_each_takes_exactly_one()
    {
        using var limiter = Create(new TestClock(), perSecond: 1);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire(2));

        Assert.Equal("permitCount", error.ParamName);
        Assert.StartsWith("Each request takes exactly one permit.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_limiter_without_windows_is_refused_saying_one_is_required()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new StrictWindowRateLimiter(new TestClock(), Array.Empty<RateWindow>(), TimeSpan.Zero));

        Assert.Equal("windows", error.ParamName);
        Assert.StartsWith("At least one window is required.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A limiter of one permit a second whose permit is spent, and a caller waiting on it.</summary>
    private static (TestClock Time, StrictWindowRateLimiter Limiter, Task<RateLimitLease> Waiting) WaitOnAFullLimiter(CancellationToken token = default)
    {
        var time = new TestClock();
        var limiter = Create(time, perSecond: 1);
        limiter.AttemptAcquire().Dispose();
        return (time, limiter, limiter.AcquireAsync(1, token).AsTask());
    }

    /// <summary>A caller with a long-lived token waits, is served and finishes; what is left of it is its lease.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ServeAfterAWait(TestClock time, StrictWindowRateLimiter limiter, CancellationToken token)
    {
        limiter.AttemptAcquire().Dispose();
        ValueTask<RateLimitLease> waiting = limiter.AcquireAsync(1, token);
        time.Advance(TimeSpan.FromSeconds(1));
        return Finish(waiting);
    }

    /// <summary>
    /// A first caller waits out a pause whose wake-up runs late; a second, arriving after the pause, queues behind it
    /// and sets the wake-up due at once, which serves both before the second's cancellation is registered.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ServeWhileQueuing(Mut8LimiterHandClock clock, StrictWindowRateLimiter limiter, CancellationToken token)
    {
        limiter.PauseFor(TimeSpan.FromSeconds(1));
        ValueTask<RateLimitLease> first = limiter.AcquireAsync();
        clock.Advance(TimeSpan.FromSeconds(1));

        ValueTask<RateLimitLease> second = limiter.AcquireAsync(1, token);

        Finish(first);
        return Finish(second);
    }

    private static WeakReference Finish(ValueTask<RateLimitLease> served)
    {
        Assert.True(served.IsCompleted);
        RateLimitLease lease = served.Result;
        Assert.True(lease.IsAcquired);
        lease.Dispose();
        return new WeakReference(lease);
    }

    /// <summary>A caller's token that outlives its wait (an application's lifetime token) must not keep the finished lease alive.</summary>
    private static void AssertTheTokenKeepsNothing(Func<CancellationToken, WeakReference> serve)
    {
        using var appLifetime = new CancellationTokenSource();
        WeakReference lease = serve(appLifetime.Token);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(lease.IsAlive, "the finished lease is still reachable: the caller's token still holds its wait");
        GC.KeepAlive(appLifetime);
    }
}
