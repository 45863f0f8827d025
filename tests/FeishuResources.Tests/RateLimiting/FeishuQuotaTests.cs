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
}
