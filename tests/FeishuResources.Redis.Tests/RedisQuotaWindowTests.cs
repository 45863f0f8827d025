using System.Diagnostics;
using System.Threading.RateLimiting;
using FeishuResources.Redis.Tests.TestSupport;

namespace FeishuResources.Redis.Tests;

/// <summary>The script's rules against a real redis-server, through the container's IFeishuQuota.</summary>
public sealed class RedisQuotaWindowTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly string _prefix = "t-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_full_second_window_holds_the_next_caller_until_its_oldest_place_has_left_it()
    {
        await using QuotaReplica replica = QuotaReplica.Start(redis.Server.Socket, _prefix);
        FeishuRateLimitOptions limits = QuotaReplica.Limits(perSecond: 3, perMinute: 100);

        (await replica.AcquireAsync(limits)).Dispose();
        var sinceOldestAnchored = Stopwatch.StartNew();
        (await replica.AcquireAsync(limits)).Dispose();
        (await replica.AcquireAsync(limits)).Dispose();
        (await replica.AcquireAsync(limits)).Dispose();

        Assert.InRange(sinceOldestAnchored.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_place_in_flight_holds_its_window_until_its_lease_is_disposed_and_is_then_anchored_at_that_moment()
    {
        await using QuotaReplica replica = QuotaReplica.Start(redis.Server.Socket, _prefix);
        FeishuRateLimitOptions limits = QuotaReplica.Limits(perSecond: 1, perMinute: 100);

        RateLimitLease inFlight = await replica.AcquireAsync(limits);
        Task<RateLimitLease> next = replica.AcquireAsync(limits);
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        Assert.False(next.IsCompleted, "a place still in flight left its window after one second");

        inFlight.Dispose();
        var sinceAnchored = Stopwatch.StartNew();
        (await next).Dispose();
        Assert.InRange(sinceAnchored.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_minute_window_holds_a_caller_the_second_window_would_let_through_and_the_waiting_caller_can_cancel()
    {
        await using QuotaReplica replica = QuotaReplica.Start(redis.Server.Socket, _prefix);
        FeishuRateLimitOptions limits = QuotaReplica.Limits(perSecond: 10, perMinute: 3);
        for (int i = 0; i < 3; i++)
        {
            (await replica.AcquireAsync(limits)).Dispose();
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var waited = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => replica.AcquireAsync(limits, cancel.Token));
        Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(1.4), $"the fourth caller of a 3/min quota got an answer after {waited.Elapsed}");
    }

    [Fact]
    public async Task Two_replicas_share_one_quota()
    {
        await using QuotaReplica first = QuotaReplica.Start(redis.Server.Socket, _prefix);
        await using QuotaReplica second = QuotaReplica.Start(redis.Server.Socket, _prefix);
        FeishuRateLimitOptions limits = QuotaReplica.Limits(perSecond: 2, perMinute: 100);

        (await first.AcquireAsync(limits)).Dispose();
        var sinceOldestAnchored = Stopwatch.StartNew();
        (await first.AcquireAsync(limits)).Dispose();
        (await second.AcquireAsync(limits)).Dispose();

        Assert.InRange(sinceOldestAnchored.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_429_pause_holds_back_every_replica_for_its_duration()
    {
        await using QuotaReplica first = QuotaReplica.Start(redis.Server.Socket, _prefix);
        await using QuotaReplica second = QuotaReplica.Start(redis.Server.Socket, _prefix);
        FeishuRateLimitOptions limits = QuotaReplica.Limits(perSecond: 50, perMinute: 1000);
        // The 429 answers a request: the first replica has paid a place (and so is connected) before it pauses.
        (await first.AcquireAsync(limits)).Dispose();
        (await second.AcquireAsync(limits)).Dispose();

        var sincePause = Stopwatch.StartNew();
        first.Quota.Pause(QuotaReplica.Partition, TimeSpan.FromMilliseconds(800));
        // Pause does not wait for Redis: let the shared pause land before the other replica asks.
        await using StackExchange.Redis.ConnectionMultiplexer connection = await redis.Server.ConnectAsync();
        while (!connection.GetServers()[0].Keys(pattern: _prefix + "*:pause").Any() && sincePause.Elapsed < TimeSpan.FromSeconds(0.7))
        {
            await Task.Delay(10);
        }

        (await second.AcquireAsync(limits)).Dispose();

        Assert.InRange(sincePause.Elapsed, TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Waiting_callers_of_one_replica_are_served_in_arrival_order()
    {
        await using QuotaReplica replica = QuotaReplica.Start(redis.Server.Socket, _prefix);
        FeishuRateLimitOptions limits = QuotaReplica.Limits(perSecond: 2, perMinute: 100);
        (await replica.AcquireAsync(limits)).Dispose();
        (await replica.AcquireAsync(limits)).Dispose();

        var served = new List<int>();
        var waiters = new List<Task>();
        for (int i = 0; i < 4; i++)
        {
            int arrival = i;
            waiters.Add(replica.AcquireAsync(limits).ContinueWith(
                lease =>
                {
                    lock (served)
                    {
                        served.Add(arrival);
                    }

                    lease.Result.Dispose();
                },
                TaskScheduler.Default));
            await Task.Delay(20);
        }

        await Task.WhenAll(waiters);
        Assert.Equal([0, 1, 2, 3], served);
    }

    [Fact]
    public async Task Every_key_of_a_quota_has_one_hash_tag_and_expires_by_itself()
    {
        await using QuotaReplica replica = QuotaReplica.Start(redis.Server.Socket, _prefix, options => options.InFlightTimeout = TimeSpan.FromSeconds(30));
        (await replica.AcquireAsync(QuotaReplica.Limits(50, 1000))).Dispose();
        replica.Quota.Pause(QuotaReplica.Partition, TimeSpan.FromSeconds(20));

        await using StackExchange.Redis.ConnectionMultiplexer connection = await redis.Server.ConnectAsync();
        StackExchange.Redis.IServer server = connection.GetServers()[0];
        StackExchange.Redis.RedisKey[] keys = [];
        var waited = Stopwatch.StartNew();
        while (keys.Length < 2 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
            keys = server.Keys(pattern: _prefix + "*").ToArray();
        }

        Assert.Equal(2, keys.Length);
        Assert.Single(keys.Select(key => connection.HashSlot(key)).Distinct());
        foreach (StackExchange.Redis.RedisKey key in keys)
        {
            TimeSpan? ttl = await connection.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30 + 62));
        }
    }
}
