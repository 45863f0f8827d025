using System.Threading.RateLimiting;
using FeishuResources.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

public sealed class FeishuQuotaTests
{
    private static readonly FeishuRateLimitPartition Partition = new("cli_registry", FeishuApi.Files, "tenant");

    [Fact]
    public async Task A_request_meeting_a_limiter_retired_but_not_yet_removed_is_served_by_its_successor()
    {
        var time = new TestClock();
        var quota = new FeishuQuota(time);
        var options = new FeishuRateLimitOptions();
        RateLimiter first = quota.GetOrCreate(Partition, options);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(((StrictWindowRateLimiter)first).TryRetire(ClockLimiters.IdleLimit));

        using RateLimitLease lease = await quota.AcquireAsync(Partition, options, CancellationToken.None);

        Assert.True(lease.IsAcquired);
        RateLimiter successor = quota.GetOrCreate(Partition, options);
        Assert.NotSame(first, successor);
        Assert.Equal(1, successor.GetStatistics()!.TotalSuccessfulLeases);
        Assert.Equal(1, quota.PartitionCount);
    }

    [Fact]
    public void A_limiter_with_a_request_in_flight_is_never_reclaimed()
    {
        var time = new TestClock();
        var quota = new FeishuQuota(time);
        var options = new FeishuRateLimitOptions();
        RateLimiter limiter = quota.GetOrCreate(Partition, options);
        using RateLimitLease inFlight = limiter.AttemptAcquire();

        time.Advance(TimeSpan.FromHours(1));

        Assert.Same(limiter, quota.GetOrCreate(Partition, options));
        using RateLimitLease next = limiter.AttemptAcquire();
        Assert.True(next.IsAcquired);
    }

    [Fact]
    public void A_user_supplied_limiter_is_never_reclaimed()
    {
        var time = new TestClock();
        var quota = new FeishuQuota(time);
        var options = new FeishuRateLimitOptions { LimiterFactory = _ => new ConcurrencyLimiter(new() { PermitLimit = 1, QueueLimit = 0 }) };
        RateLimiter limiter = quota.GetOrCreate(Partition, options);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Same(limiter, quota.GetOrCreate(Partition, options));
    }

    [Fact]
    public async Task A_pause_holds_back_the_partitions_callers_until_it_ends()
    {
        var time = new TestClock();
        var quota = new FeishuQuota(time);
        var options = new FeishuRateLimitOptions();
        (await quota.AcquireAsync(Partition, options, CancellationToken.None)).Dispose();

        quota.Pause(Partition, TimeSpan.FromSeconds(2));
        ValueTask<RateLimitLease> waiting = quota.AcquireAsync(Partition, options, CancellationToken.None);
        using RateLimitLease otherTenant = await quota.AcquireAsync(new FeishuRateLimitPartition("cli_registry", FeishuApi.Files, "other"), options, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using RateLimitLease lease = await waiting;
        Assert.True(lease.IsAcquired);
        Assert.True(otherTenant.IsAcquired);
    }

    [Fact]
    public void A_pause_for_a_partition_without_a_limiter_makes_none()
    {
        var quota = new FeishuQuota(new TestClock());

        quota.Pause(Partition, TimeSpan.FromSeconds(2));

        Assert.Equal(0, quota.PartitionCount);
    }

    [Fact]
    public async Task A_pause_leaves_a_user_supplied_limiter_alone()
    {
        var quota = new FeishuQuota(new TestClock());
        var options = new FeishuRateLimitOptions { LimiterFactory = _ => new ConcurrencyLimiter(new() { PermitLimit = 2, QueueLimit = 0 }) };
        (await quota.AcquireAsync(Partition, options, CancellationToken.None)).Dispose();

        quota.Pause(Partition, TimeSpan.FromHours(1));

        using RateLimitLease lease = await quota.AcquireAsync(Partition, options, CancellationToken.None);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task One_quota_given_other_limits_for_the_same_partition_refuses_them()
    {
        var quota = new FeishuQuota(new TestClock());
        (await quota.AcquireAsync(Partition, new FeishuRateLimitOptions(), CancellationToken.None)).Dispose();

        var error = Assert.Throws<InvalidOperationException>(() => quota.AcquireAsync(Partition, new FeishuRateLimitOptions { PermitsPerSecond = 10 }, CancellationToken.None));

        Assert.Contains(Partition.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Equal("timeProvider", Assert.Throws<ArgumentNullException>(() => new FeishuQuota(null!)).ParamName);
        var quota = new FeishuQuota(new TestClock());
        Assert.Equal("limits", Assert.Throws<ArgumentNullException>(() => quota.AcquireAsync(Partition, null!, CancellationToken.None)).ParamName);
    }
}
