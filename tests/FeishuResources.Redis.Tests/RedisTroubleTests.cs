using System.Diagnostics;
using System.Diagnostics.Metrics;
using FeishuResources.Redis.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FeishuResources.Redis.Tests;

/// <summary>Redis away, strict mode, and the way back — each test with a redis-server of its own to kill.</summary>
public sealed class RedisTroubleTests
{
    // The first callers wait this long for a connection before falling back (StackExchange.Redis's default is 5 s).
    private const string ConnectTimeout = ",connectTimeout=1000";

    private readonly string _prefix = "t-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Redis_away_falls_back_to_this_replicas_share_and_logs_and_counts_the_switch()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        server.Kill();
        long fallbacks = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "FeishuResources.Redis" && instrument.Name == "feishu.quota.redis.fallbacks")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref fallbacks, value));
        listener.Start();
        await using QuotaReplica replica = QuotaReplica.Start(server.Socket + ConnectTimeout, _prefix, options => options.ExpectedReplicas = 2);
        FeishuRateLimitOptions limits = QuotaReplica.Limits(perSecond: 2, perMinute: 100);

        (await replica.AcquireAsync(limits)).Dispose();
        var sinceFirstAnchored = Stopwatch.StartNew();
        (await replica.AcquireAsync(limits)).Dispose();

        // One of two replicas of a 2/s quota: one request a second.
        Assert.True(sinceFirstAnchored.Elapsed >= TimeSpan.FromSeconds(0.9), $"the second request of a 1/s share started after {sinceFirstAnchored.Elapsed}");
        Assert.Equal(1, Interlocked.Read(ref fallbacks));
        Assert.Contains(replica.Logs.GetSnapshot(), record => record.Id.Id == 5001 && record.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Strict_mode_fails_the_request_while_Redis_is_away()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        server.Kill();
        await using QuotaReplica replica = QuotaReplica.Start(server.Socket + ConnectTimeout, _prefix, options => options.FallBackToLocalShare = false);

        await Assert.ThrowsAnyAsync<RedisException>(() => replica.AcquireAsync(QuotaReplica.Limits(50, 1000)));
    }

    [Fact]
    public async Task Back_on_Redis_the_replica_hands_over_its_local_places_and_shares_the_quota_again()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using QuotaReplica replica = QuotaReplica.Start(server.Socket, _prefix, options => options.MaxProbeInterval = TimeSpan.FromMilliseconds(300));
        FeishuRateLimitOptions limits = QuotaReplica.Limits(perSecond: 50, perMinute: 1000);
        (await replica.AcquireAsync(limits)).Dispose();

        server.Kill();
        (await replica.AcquireAsync(limits)).Dispose();
        await server.RestartAsync();

        await using ConnectionMultiplexer connection = await server.ConnectAsync();
        IServer admin = connection.GetServers()[0];
        long places = 0;
        var waited = Stopwatch.StartNew();
        while (places < 2 && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            (await replica.AcquireAsync(limits)).Dispose();
            RedisKey[] keys = admin.Keys(pattern: _prefix + "*:places").ToArray();
            places = keys.Length == 1 ? await connection.GetDatabase().SortedSetLengthAsync(keys[0]) : 0;
            await Task.Delay(100);
        }

        // The place granted locally while Redis was away, handed over, plus at least one taken from Redis again.
        Assert.True(places >= 2, $"after {waited.Elapsed} Redis holds {places} place(s) of this quota");
        Assert.Contains(replica.Logs.GetSnapshot(), record => record.Id.Id == 5002);
    }
}
