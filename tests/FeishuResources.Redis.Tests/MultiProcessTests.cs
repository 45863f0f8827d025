using FeishuResources.Redis.Tests.TestSupport;
using FeishuResources.Testing;
using StackExchange.Redis;

namespace FeishuResources.Redis.Tests;

/// <summary>
/// Four replicas as four OS processes share one quota through a real redis-server, against the emulator enforcing
/// the platform's 50 per second and 1000 per minute (a 429 beyond).
/// </summary>
public sealed class MultiProcessTests
{
    private const int Replicas = 4;
    private const string FileKey = "file_v3_replicas";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Four_replica_processes_share_one_quota_without_a_429_and_never_more_than_50_in_a_second()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using FeishuEmulator emulator = await StartEmulatorAsync();

        ReplicaProcess[] replicas = await StartReplicasAsync(emulator, redis.Socket, downloadsEach: 60);
        try
        {
            Array.ForEach(replicas, replica => replica.Go());
            await Task.WhenAll(replicas.Select(replica => replica.DoneAsync(Generous)));
        }
        finally
        {
            Array.ForEach(replicas, replica => replica.Dispose());
        }

        Assert.Equal(0, emulator.Traffic.RateLimitedResponses);
        Assert.Equal(Replicas * 61, emulator.Traffic.CountRequests(FeishuEmulatorApi.Files));
        Assert.InRange(emulator.Traffic.MaxRequestsStartedInAnySecond(FeishuEmulatorApi.Files), 1, 50);
    }

    [Fact]
    public async Task Redis_killed_mid_run_the_local_shares_hold_the_quota_and_after_its_restart_the_replicas_share_it_again()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using FeishuEmulator emulator = await StartEmulatorAsync();

        // 4 × 151 requests: enough to outlast the outage and the return to Redis, under the 1000 a minute allows.
        ReplicaProcess[] replicas = await StartReplicasAsync(emulator, redis.Socket, downloadsEach: 150);
        bool sharedAgain = false;
        try
        {
            Array.ForEach(replicas, replica => replica.Go());
            await WaitUntilAsync(() => emulator.Traffic.CountRequests(FeishuEmulatorApi.Files) >= (Replicas * 26));
            redis.Kill();
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await redis.RestartAsync();

            await using ConnectionMultiplexer connection = await redis.ConnectAsync();
            IServer server = connection.GetServers()[0];
            await WaitUntilAsync(() => server.Keys(pattern: "feishu-quota:*:places").Any() || replicas.All(r => r.Errors.Contains("RedisQuotaResumed")));
            sharedAgain = server.Keys(pattern: "feishu-quota:*:places").Any();
            await Task.WhenAll(replicas.Select(replica => replica.DoneAsync(Generous)));
        }
        finally
        {
            Array.ForEach(replicas, replica => replica.Dispose());
        }

        Assert.Equal(0, emulator.Traffic.RateLimitedResponses);
        Assert.InRange(emulator.Traffic.MaxRequestsStartedInAnySecond(FeishuEmulatorApi.Files), 1, 50);
        Assert.All(replicas, replica => Assert.Contains("RedisQuotaUnavailable", replica.Errors, StringComparison.Ordinal));
        Assert.True(sharedAgain, "no replica took a place from the restarted Redis: " + string.Join(" / ", replicas.Select(r => r.Errors)));
    }

    private static async Task<FeishuEmulator> StartEmulatorAsync()
    {
        FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { RateLimitingEnabled = true, RequestsPerSecond = 50, RequestsPerMinute = 1000 });
        emulator.AddFile(FileKey, FeishuEmulatorContent.Generated(1024), "application/octet-stream", "replica.bin");
        return emulator;
    }

    /// <summary>Starts the replicas and waits until each is ready (token fetched, Redis connected, one download done).</summary>
    private static async Task<ReplicaProcess[]> StartReplicasAsync(FeishuEmulator emulator, string redis, int downloadsEach)
    {
        ReplicaProcess[] replicas = Enumerable.Range(0, Replicas).Select(_ => ReplicaProcess.Start(emulator, redis, Replicas, FileKey, downloadsEach)).ToArray();
        try
        {
            await Task.WhenAll(replicas.Select(replica => replica.Ready)).WaitAsync(Generous);
            return replicas;
        }
        catch
        {
            Array.ForEach(replicas, replica => replica.Dispose());
            throw;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Generous);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
