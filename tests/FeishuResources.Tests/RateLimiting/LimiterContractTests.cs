using System.Threading.RateLimiting;
using FeishuResources.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

/// <summary>The <see cref="RateLimiter"/> contract of the strict limiter: bad calls, refusals, statistics.</summary>
public sealed class LimiterContractTests
{
    private static StrictWindowRateLimiter Create(TimeProvider time, int perSecond = 1)
        => new(time, new[] { new RateWindow(perSecond, TimeSpan.FromSeconds(1)) }, TimeSpan.Zero);

    [Fact]
    public void A_limiter_needs_at_least_one_window()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new StrictWindowRateLimiter(new TestClock(), Array.Empty<RateWindow>(), TimeSpan.Zero));
        Assert.Equal("windows", error.ParamName);
    }

    [Fact]
    public async Task Acquiring_after_dispose_throws_ObjectDisposedException_in_every_form()
    {
        var limiter = Create(new TestClock());
        limiter.Dispose();

        Assert.Throws<ObjectDisposedException>(() => limiter.AttemptAcquire());
        Assert.Throws<ObjectDisposedException>(() => limiter.AttemptAcquire(0));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => limiter.AcquireAsync().AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => limiter.AcquireAsync(0).AsTask());
        Assert.False(limiter.TryAcquireAsync(CancellationToken.None, out _));
    }

    [Fact]
    public async Task Acquiring_two_permits_at_once_is_refused_with_the_argument_named()
    {
        using var limiter = Create(new TestClock());

        ArgumentOutOfRangeException error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => limiter.AcquireAsync(2).AsTask());

        Assert.Equal("permitCount", error.ParamName);
        Assert.Equal(0, limiter.GetStatistics()!.TotalSuccessfulLeases);
    }

    [Fact]
    public async Task An_already_cancelled_token_fails_at_once_and_takes_no_place()
    {
        using var limiter = Create(new TestClock());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(1, new CancellationToken(canceled: true)).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(0, new CancellationToken(canceled: true)).AsTask());

        RateLimiterStatistics statistics = limiter.GetStatistics()!;
        Assert.Equal(0, statistics.CurrentQueuedCount);
        Assert.Equal(1, statistics.CurrentAvailablePermits);
        using RateLimitLease lease = limiter.AttemptAcquire();
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task Zero_permits_are_granted_without_taking_a_place()
    {
        using var limiter = Create(new TestClock());

        using RateLimitLease attempted = limiter.AttemptAcquire(0);
        using RateLimitLease awaited = await limiter.AcquireAsync(0);

        Assert.True(attempted.IsAcquired);
        Assert.True(awaited.IsAcquired);
        Assert.Equal(0, limiter.GetStatistics()!.TotalSuccessfulLeases);
        using RateLimitLease one = limiter.AttemptAcquire();
        Assert.True(one.IsAcquired);
    }

    [Fact]
    public void A_refusal_while_the_deciding_request_is_in_flight_names_no_wait()
    {
        // No moment can be named: the request in flight may take any time to answer.
        using var limiter = Create(new TestClock());
        using RateLimitLease inFlight = limiter.AttemptAcquire();

        RateLimitLease refused = limiter.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.False(refused.TryGetMetadata(MetadataName.RetryAfter, out _));
        Assert.Empty(refused.MetadataNames);
    }

    [Fact]
    public void A_refusal_that_names_a_wait_lists_it_among_its_metadata_and_a_granted_lease_has_none()
    {
        var time = new TestClock();
        using var limiter = Create(time);
        RateLimitLease granted = limiter.AttemptAcquire();
        Assert.Empty(granted.MetadataNames);
        Assert.False(granted.TryGetMetadata(MetadataName.RetryAfter.Name, out object? none));
        Assert.Null(none);
        granted.Dispose();

        RateLimitLease refused = limiter.AttemptAcquire();

        Assert.Equal(new[] { MetadataName.RetryAfter.Name }, refused.MetadataNames);
        Assert.False(refused.TryGetMetadata(MetadataName.ReasonPhrase.Name, out object? reason));
        Assert.Null(reason);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter.Name, out object? wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
    }

    [Fact]
    public async Task Statistics_count_grants_refusals_cancellations_and_the_queue()
    {
        var time = new TestClock();
        using var limiter = Create(time);
        Assert.Equal((1, 0, 0L, 0L), Snapshot(limiter));

        RateLimitLease first = limiter.AttemptAcquire();
        Assert.Equal((0, 0, 1L, 0L), Snapshot(limiter));

        limiter.AttemptAcquire().Dispose();
        Assert.Equal((0, 0, 1L, 1L), Snapshot(limiter));

        using var cancel = new CancellationTokenSource();
        Task<RateLimitLease> cancelled = limiter.AcquireAsync(1, cancel.Token).AsTask();
        ValueTask<RateLimitLease> waiting = limiter.AcquireAsync();
        Assert.Equal((0, 2, 1L, 1L), Snapshot(limiter));

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal((0, 1, 1L, 2L), Snapshot(limiter));

        first.Dispose();
        time.Advance(TimeSpan.FromSeconds(1));
        (await waiting).Dispose();
        Assert.Equal((0, 0, 2L, 2L), Snapshot(limiter));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((1, 0, 2L, 2L), Snapshot(limiter));
    }

    [Fact]
    public void A_shorter_pause_never_cuts_a_longer_one_short()
    {
        var time = new TestClock();
        using var limiter = Create(time);
        limiter.PauseFor(TimeSpan.FromSeconds(3));
        limiter.PauseFor(TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        Assert.Null(limiter.IdleDuration);

        time.Advance(TimeSpan.FromSeconds(1));
        using RateLimitLease lease = limiter.AttemptAcquire();
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void A_retired_limiter_grants_nothing_and_retires_once()
    {
        var time = new TestClock();
        var limiter = Create(time);
        limiter.AttemptAcquire().Dispose();
        Assert.False(limiter.TryRetire(TimeSpan.FromSeconds(1)));

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(limiter.TryRetire(TimeSpan.FromSeconds(1)));

        Assert.False(limiter.TryRetire(TimeSpan.Zero));
        Assert.False(limiter.TryAcquireAsync(CancellationToken.None, out _));
        Assert.Throws<ObjectDisposedException>(() => limiter.AttemptAcquire());
    }

    [Fact]
    public void A_lease_disposed_after_its_limiter_was_disposed_is_harmless()
    {
        var limiter = Create(new TestClock());
        RateLimitLease lease = limiter.AttemptAcquire();
        limiter.Dispose();

        lease.Dispose();
        lease.Dispose();
    }

    private static (long Available, long Queued, long Successful, long Failed) Snapshot(RateLimiter limiter)
    {
        RateLimiterStatistics statistics = limiter.GetStatistics()!;
        return (statistics.CurrentAvailablePermits, statistics.CurrentQueuedCount, statistics.TotalSuccessfulLeases, statistics.TotalFailedLeases);
    }
}
