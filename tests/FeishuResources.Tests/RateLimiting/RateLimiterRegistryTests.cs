using System.Threading.RateLimiting;
using FeishuResources.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

public sealed class RateLimiterRegistryTests
{
    private static readonly FeishuRateLimitPartition Partition = new("cli_registry", FeishuApi.Files, "tenant");

    [Fact]
    public async Task A_request_meeting_a_limiter_retired_but_not_yet_removed_is_served_by_its_successor()
    {
        var time = new TestClock();
        var options = new FeishuRateLimitOptions();
        RateLimiter first = RateLimiterRegistry.GetOrCreate(Partition, options, time);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(((StrictWindowRateLimiter)first).TryRetire(ClockLimiters.IdleLimit));

        using RateLimitLease lease = await RateLimiterRegistry.AcquireAsync(Partition, options, time, CancellationToken.None, out RateLimiter limiter);

        Assert.True(lease.IsAcquired);
        Assert.NotSame(first, limiter);
        Assert.Same(limiter, RateLimiterRegistry.GetOrCreate(Partition, options, time));
        Assert.Equal(1, RateLimiterRegistry.PartitionCount(time));
    }

    [Fact]
    public void A_limiter_with_a_request_in_flight_is_never_reclaimed()
    {
        var time = new TestClock();
        var options = new FeishuRateLimitOptions();
        RateLimiter limiter = RateLimiterRegistry.GetOrCreate(Partition, options, time);
        using RateLimitLease inFlight = limiter.AttemptAcquire();

        time.Advance(TimeSpan.FromHours(1));

        Assert.Same(limiter, RateLimiterRegistry.GetOrCreate(Partition, options, time));
        using RateLimitLease next = limiter.AttemptAcquire();
        Assert.True(next.IsAcquired);
    }

    [Fact]
    public void A_user_supplied_limiter_is_never_reclaimed()
    {
        var time = new TestClock();
        var options = new FeishuRateLimitOptions { LimiterFactory = _ => new ConcurrencyLimiter(new() { PermitLimit = 1, QueueLimit = 0 }) };
        RateLimiter limiter = RateLimiterRegistry.GetOrCreate(Partition, options, time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Same(limiter, RateLimiterRegistry.GetOrCreate(Partition, options, time));
    }
}
