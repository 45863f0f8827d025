using System.Threading.RateLimiting;
using FeishuResources.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

public sealed class StrictWindowRateLimiterTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(100);

    private static StrictWindowRateLimiter Create(TestClock time, int perSecond = 50, int perMinute = 1000, TimeSpan? margin = null)
        => new(time, new[] { new RateWindow(perSecond, TimeSpan.FromSeconds(1)), new RateWindow(perMinute, TimeSpan.FromMinutes(1)) }, margin ?? Margin);

    [Fact]
    public async Task The_51st_request_waits_until_the_first_has_left_the_one_second_window()
    {
        var time = new TestClock();
        using var limiter = Create(time);
        for (int i = 0; i < 50; i++)
        {
            await AcquireAndFinishAsync(limiter);
        }

        ValueTask<RateLimitLease> fiftyFirst = limiter.AcquireAsync();
        Assert.False(fiftyFirst.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1) + Margin - TimeSpan.FromMilliseconds(1));
        Assert.False(fiftyFirst.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await fiftyFirst).IsAcquired);
    }

    private static async Task AcquireAndFinishAsync(StrictWindowRateLimiter limiter)
    {
        using RateLimitLease lease = await limiter.AcquireAsync();
        Assert.True(lease.IsAcquired);
    }

    private static void Finish(RateLimitLease lease)
    {
        Assert.True(lease.IsAcquired);
        lease.Dispose();
    }

    [Fact]
    public async Task A_request_still_in_flight_keeps_its_place_until_its_answer_arrives_plus_a_window()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 2, margin: TimeSpan.Zero);
        RateLimitLease slow = await limiter.AcquireAsync();
        await AcquireAndFinishAsync(limiter);

        await InFlightPlaceAssert.NextWaitsUntilAWindowAfterTheAnswerAsync(time, limiter.AcquireAsync(), slow.Dispose);
    }

    [Fact]
    public void After_an_idle_spell_it_never_starts_more_than_the_limit_in_one_second_unlike_a_token_bucket()
    {
        var time = new TestClock();
        using var limiter = Create(time);
        time.Advance(TimeSpan.FromMinutes(5));

        int started = 0;
        for (int step = 0; step < 99; step++)
        {
            while (limiter.AttemptAcquire() is { IsAcquired: true } lease)
            {
                lease.Dispose();
                started++;
            }

            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        // 99 steps of 10 ms span 0.98 s: a bucket of 50 refilled at 50/s would have started ~99 here.
        Assert.Equal(50, started);
    }

    [Fact]
    public async Task Starts_never_exceed_50_in_any_second_nor_1000_in_any_minute_under_constant_pressure()
    {
        var time = new TestClock();
        using var limiter = Create(time);
        DateTimeOffset origin = time.GetUtcNow();
        var pending = Enumerable.Range(0, 1100).Select(_ => limiter.AcquireAsync().AsTask()).ToList();
        var startedAt = new TimeSpan?[pending.Count];

        for (TimeSpan elapsed = TimeSpan.Zero; elapsed <= TimeSpan.FromSeconds(75); elapsed += TimeSpan.FromMilliseconds(5))
        {
            for (int i = 0; i < pending.Count; i++)
            {
                if (startedAt[i] is null && pending[i].IsCompletedSuccessfully)
                {
                    startedAt[i] = time.GetUtcNow() - origin;
                    (await pending[i]).Dispose();
                }
            }

            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        List<TimeSpan> starts = startedAt.Where(s => s is not null).Select(s => s!.Value).OrderBy(s => s).ToList();
        for (int i = 0; i + 50 < starts.Count; i++)
        {
            Assert.True(starts[i + 50] - starts[i] >= TimeSpan.FromSeconds(1), $"51 starts within 1 s at index {i}");
        }

        for (int i = 0; i + 1000 < starts.Count; i++)
        {
            Assert.True(starts[i + 1000] - starts[i] >= TimeSpan.FromSeconds(60), $"1001 starts within 60 s at index {i}");
        }

        // The first 1000 went in 20 seconds (50/s); the 1001st waited for the minute window.
        Assert.True(starts[999] < TimeSpan.FromSeconds(21), $"1000th start at {starts[999]}");
        Assert.True(starts[1000] >= TimeSpan.FromSeconds(60), $"1001st start at {starts[1000]}");
        Assert.True(starts.Count > 1000);
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 1, margin: TimeSpan.Zero);
        Finish(limiter.AttemptAcquire());
        var order = new List<int>();
        var waiters = Enumerable.Range(0, 5).Select(i => limiter.AcquireAsync().AsTask().ContinueWith(lease => { lease.Result.Dispose(); lock (order) { order.Add(i); } })).ToList();

        for (int i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await waiters[i];
        }

        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, order);
    }

    [Fact]
    public async Task A_newcomer_does_not_jump_ahead_of_waiting_callers()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 1, margin: TimeSpan.Zero);
        Finish(limiter.AttemptAcquire());
        ValueTask<RateLimitLease> waiting = limiter.AcquireAsync();

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True((await waiting).IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_without_taking_a_permit()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 1, margin: TimeSpan.Zero);
        Finish(limiter.AttemptAcquire());
        using var cancel = new CancellationTokenSource();
        Task<RateLimitLease> cancelled = limiter.AcquireAsync(1, cancel.Token).AsTask();
        Task<RateLimitLease> next = limiter.AcquireAsync().AsTask();

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, limiter.GetStatistics()!.CurrentQueuedCount);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await next).IsAcquired);
    }

    [Fact]
    public async Task A_pause_after_a_429_holds_back_every_caller_until_it_ends()
    {
        var time = new TestClock();
        using var limiter = Create(time);
        limiter.PauseFor(TimeSpan.FromSeconds(2.5));

        Assert.False(limiter.AttemptAcquire().IsAcquired);
        ValueTask<RateLimitLease> waiting = limiter.AcquireAsync();
        time.Advance(TimeSpan.FromSeconds(2.4));
        Assert.False(waiting.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True((await waiting).IsAcquired);
    }

    [Fact]
    public void A_refused_attempt_says_when_to_retry()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 1, margin: TimeSpan.Zero);
        Finish(limiter.AttemptAcquire());
        time.Advance(TimeSpan.FromMilliseconds(300));

        RateLimitLease refused = limiter.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(700), retryAfter);
    }

    [Fact]
    public async Task Disposing_fails_pending_waiters()
    {
        var time = new TestClock();
        var limiter = Create(time, perSecond: 1);
        Finish(limiter.AttemptAcquire());
        Task<RateLimitLease> waiting = limiter.AcquireAsync().AsTask();

        limiter.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
    }

    [Fact]
    public void A_huge_limit_costs_memory_for_the_places_it_holds_not_for_the_limit()
    {
        var time = new TestClock();
        long before = GC.GetAllocatedBytesForCurrentThread();

        using var limiter = Create(time, perSecond: 1_000_000, perMinute: 10_000_000);
        for (int i = 0; i < 100; i++)
        {
            Finish(limiter.AttemptAcquire());
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated for 100 places");
    }

    [Fact]
    public async Task Places_kept_beyond_the_first_few_still_count_while_in_flight_and_for_a_window_after()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 40, perMinute: 1000, margin: TimeSpan.Zero);
        List<RateLimitLease> inFlight = Enumerable.Range(0, 40).Select(_ => limiter.AttemptAcquire()).ToList();
        Assert.All(inFlight, lease => Assert.True(lease.IsAcquired));


        await InFlightPlaceAssert.NextWaitsUntilAWindowAfterTheAnswerAsync(time, limiter.AcquireAsync(), () => inFlight.ForEach(lease => lease.Dispose()));
    }

    [Fact]
    public void An_idle_limiter_reports_idle_only_once_every_window_and_the_margin_have_passed()
    {
        var time = new TestClock();
        using var limiter = Create(time, perSecond: 2, perMinute: 3);
        Assert.Equal(TimeSpan.Zero, limiter.IdleDuration);

        RateLimitLease lease = limiter.AttemptAcquire();
        Assert.Null(limiter.IdleDuration);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(limiter.IdleDuration);

        Finish(lease);
        time.Advance(TimeSpan.FromMinutes(1) + Margin - TimeSpan.FromMilliseconds(1));
        Assert.Null(limiter.IdleDuration);
        time.Advance(TimeSpan.FromMilliseconds(3));
        Assert.Equal(TimeSpan.FromMilliseconds(2), limiter.IdleDuration);
    }

    [Fact]
    public void A_paused_limiter_is_not_idle_until_the_pause_ends()
    {
        var time = new TestClock();
        using var limiter = Create(time);
        Finish(limiter.AttemptAcquire());
        limiter.PauseFor(TimeSpan.FromMinutes(3));

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(limiter.IdleDuration);

        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.IdleDuration);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void A_request_takes_exactly_one_permit(int permits)
    {
        using var limiter = Create(new TestClock());
        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire(permits));
    }
}
