using System.Threading.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

/// <summary>
/// <see cref="FeishuQuota"/> over time: places kept for exactly their window and margin, and idle limiters freed on a
/// fixed cadence without losing a request that meets one as it goes.
/// </summary>
public sealed class Mut8LimiterQuotaTests
{
    private static readonly FeishuRateLimitPartition Tenant = new("cli_quota", FeishuApi.Files, "tenant");

    private static FeishuRateLimitPartition Other(string tenant) => new("cli_quota", FeishuApi.Files, tenant);

    [Fact]
    public async Task A_place_within_the_safety_margin_after_the_minute_window_still_counts()
    {
        var time = new TestClock();
        var quota = new FeishuQuota(time);
        var limits = new FeishuRateLimitOptions { PermitsPerMinute = 2, SafetyMargin = TimeSpan.FromMilliseconds(100) };
        await UseAsync(quota, Tenant, limits);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await UseAsync(quota, Tenant, limits);

        // 60.1 s: the first has left its minute and margin, the second (at 0.1 s) has not until 60.2 s.
        time.Advance(TimeSpan.FromSeconds(60));
        await UseAsync(quota, Tenant, limits);
        ValueTask<RateLimitLease> fourth = quota.AcquireAsync(Tenant, limits, CancellationToken.None);

        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using RateLimitLease lease = await fourth;
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task An_acquire_with_an_already_cancelled_token_is_refused_and_takes_no_place()
    {
        var quota = new FeishuQuota(new TestClock());
        var limits = new FeishuRateLimitOptions { PermitsPerSecond = 1 };

        Assert.ThrowsAny<OperationCanceledException>(() => { _ = quota.AcquireAsync(Tenant, limits, new CancellationToken(canceled: true)); });

        await AssertGrantedAtOnceAsync(quota, limits, "the cancelled acquire took the second's place");
    }

    [Fact]
    public async Task A_request_in_flight_while_older_places_left_their_windows_frees_its_own_place_when_answered()
    {
        var time = new TestClock();
        var quota = new FeishuQuota(time);
        var limits = new FeishuRateLimitOptions { PermitsPerSecond = 2, PermitsPerMinute = 2, SafetyMargin = TimeSpan.Zero };
        await UseAsync(quota, Tenant, limits);
        RateLimitLease slow = await quota.AcquireAsync(Tenant, limits, CancellationToken.None);

        // The first place leaves the minute window and is forgotten while the slow request is still in flight.
        time.Advance(TimeSpan.FromMinutes(1));
        RateLimitLease third = await quota.AcquireAsync(Tenant, limits, CancellationToken.None);
        Assert.True(third.IsAcquired);
        slow.Dispose();
        third.Dispose();

        // Both were answered a minute ago: the quota is whole again.
        time.Advance(TimeSpan.FromMinutes(1));
        await AssertGrantedAtOnceAsync(quota, limits, "a request answered long ago still blocks the quota");
    }

    [Fact]
    public async Task Idle_limiters_are_looked_for_once_per_idle_limit_not_on_every_request()
    {
        var time = new TestClock();
        var quota = new FeishuQuota(time);
        var limits = new FeishuRateLimitOptions { SafetyMargin = TimeSpan.Zero };
        await UseAsync(quota, Other("a"), limits);

        // 65 s: a sweep (a has been idle 5 s since its minute window emptied, so it stays); the next is due at 75 s.
        time.Advance(TimeSpan.FromSeconds(65));
        await UseAsync(quota, Other("b"), limits);
        Assert.Equal(2, quota.PartitionCount);

        // 72 s: a has been idle 12 s, but no sweep is due.
        time.Advance(TimeSpan.FromSeconds(7));
        await UseAsync(quota, Other("c"), limits);
        Assert.Equal(3, quota.PartitionCount);

        // 75 s, the moment the sweep is due: a is freed.
        time.Advance(TimeSpan.FromSeconds(3));
        await UseAsync(quota, Other("d"), limits);
        Assert.Equal(3, quota.PartitionCount);
    }

    [Fact]
    public async Task A_limiter_freed_while_idle_leaves_no_wake_up_armed()
    {
        var clock = new Mut8LimiterHandClock();
        var quota = new FeishuQuota(clock);
        var limits = new FeishuRateLimitOptions { PermitsPerSecond = 1, SafetyMargin = TimeSpan.Zero };
        await UseAsync(quota, Tenant, limits);
        using var cancel = new CancellationTokenSource();
        Task<RateLimitLease> withdrawn = quota.AcquireAsync(Tenant, limits, cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);

        // The wake-up set for the withdrawn caller has not run yet (it runs late) when the limiter is freed.
        Mut8LimiterHandClock.HandTimer wakeUp = clock.Timers.Single();
        Assert.NotNull(wakeUp.Due);
        clock.Advance(TimeSpan.FromSeconds(71));
        await UseAsync(quota, Other("sweeping"), limits);

        Assert.Equal(1, quota.PartitionCount);
        Assert.True(wakeUp.IsDisposed);
        Assert.Null(wakeUp.Due);
    }

    [Fact]
    public async Task A_request_that_meets_its_idle_limiter_as_it_is_freed_is_served_by_a_successor()
    {
        var clock = new Mut8LimiterHandClock();
        var quota = new FeishuQuota(clock);
        var limits = new FeishuRateLimitOptions { SafetyMargin = TimeSpan.Zero };
        await UseAsync(quota, Tenant, limits);
        clock.Advance(TimeSpan.FromSeconds(71));

        using var sweeperStopped = new ManualResetEventSlim();
        using var sweeperGoes = new ManualResetEventSlim();
        using var pauserStopped = new ManualResetEventSlim();
        using var pauserGoes = new ManualResetEventSlim();
        using var racerStarted = new ManualResetEventSlim();

        // The sweeper retires the tenant's idle limiter and stops before taking it out of the registry.
        var sweeper = new Worker<RateLimitLease>(() => quota.AcquireAsync(Other("sweeping"), limits, CancellationToken.None).AsTask().Result);
        clock.OnTimerDispose = _ =>
        {
            if (sweeper.IsCurrent)
            {
                sweeperStopped.Set();
                sweeperGoes.Wait();
            }
        };

        // A 429 for the tenant arrives then: its pause holds the retired limiter's lock for a moment.
        var pauser = new Worker<bool>(() =>
        {
            quota.Pause(Tenant, TimeSpan.FromMilliseconds(1));
            return true;
        });

        // The racer finds the retired limiter still registered and waits on that lock.
        var racer = new Worker<RateLimitLease>(() => quota.AcquireAsync(Tenant, limits, CancellationToken.None).AsTask().Result);
        clock.OnTimestamp = () =>
        {
            if (pauser.IsCurrent && !pauserStopped.IsSet)
            {
                pauserStopped.Set();
                pauserGoes.Wait();
            }
            else if (racer.IsCurrent)
            {
                racerStarted.Set();
            }
        };

        sweeper.Start();
        Assert.True(sweeperStopped.Wait(TimeSpan.FromSeconds(10)));
        pauser.Start();
        Assert.True(pauserStopped.Wait(TimeSpan.FromSeconds(10)));
        long contention = Monitor.LockContentionCount;
        racer.Start();
        Assert.True(racerStarted.Wait(TimeSpan.FromSeconds(10)));
        WaitBriefly(() => Monitor.LockContentionCount > contention);

        // The sweeper takes the limiter out of the registry; only then does the racer learn it is retired.
        sweeperGoes.Set();
        using RateLimitLease sweeping = await sweeper.Result.WaitAsync(TimeSpan.FromSeconds(10));
        pauserGoes.Set();
        Assert.True(await pauser.Result.WaitAsync(TimeSpan.FromSeconds(10)));
        using RateLimitLease raced = await racer.Result.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(sweeping.IsAcquired);
        Assert.True(raced.IsAcquired);
        Assert.Equal(2, quota.PartitionCount);
    }

    private static async Task UseAsync(FeishuQuota quota, FeishuRateLimitPartition partition, FeishuRateLimitOptions limits)
        => (await quota.AcquireAsync(partition, limits, CancellationToken.None)).Dispose();

    private static async Task AssertGrantedAtOnceAsync(FeishuQuota quota, FeishuRateLimitOptions limits, string otherwise)
    {
        ValueTask<RateLimitLease> next = quota.AcquireAsync(Tenant, limits, CancellationToken.None);
        Assert.True(next.IsCompleted, otherwise);
        using RateLimitLease lease = await next;
        Assert.True(lease.IsAcquired);
    }

    /// <summary>Until <paramref name="condition"/> holds, at most 2 s of real time: a thread blocking on a lock shows no other sign.</summary>
    private static void WaitBriefly(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            Thread.Sleep(10);
        }

        Thread.Sleep(20);
    }

    /// <summary>Work on a dedicated thread, known before it starts, so a clock hook can tell which caller it runs for.</summary>
    private sealed class Worker<T>
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Thread _thread;

        public Worker(Func<T> work)
        {
            _thread = new Thread(() =>
            {
                try
                {
                    _result.SetResult(work());
                }
                catch (Exception ex)
                {
                    _result.SetException(ex);
                }
            }) { IsBackground = true };
        }

        public bool IsCurrent => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

        public Task<T> Result => _result.Task;

        public void Start() => _thread.Start();
    }
}
