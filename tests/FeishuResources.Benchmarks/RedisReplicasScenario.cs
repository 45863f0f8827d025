using System.Diagnostics;
using System.Globalization;
using FeishuResources.Redis.Tests.TestSupport;
using FeishuResources.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.Benchmarks;

/// <summary>
/// Issue 14: one app's quota shared by 4 replicas through a real redis-server (started here on a Unix socket, as the
/// tests' fixture does), against the emulator enforcing 50/s and 1000/min. Each replica is its own container with its
/// own connection to Redis, as a process would be. Three measurements:
/// all 4 replicas downloading at once (total time against the quota-bound ideal, no 429); one busy replica among 4
/// (its sustained rate through Redis beside a static 1/4 share); and the Redis quota's added time on a 1 KiB download
/// (median of alternating pairs against the in-process quota).
/// </summary>
internal static class RedisReplicasScenario
{
    private const int Replicas = 4;

    public static async Task RunAsync(ScenarioResult together, ScenarioResult busy, ScenarioResult overhead, bool quick)
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await AllTogetherAsync(redis.Socket, together, quick ? 15 : 150);
        await OneBusyAsync(redis.Socket, busy, quick ? 60 : 400, quick ? 20 : 100);
        await OverheadAsync(redis.Socket, overhead, quick ? 20 : 400);
    }

    /// <summary>
    /// Every replica starts its downloads at once. The quota-bound ideal is (⌈n / 50⌉ - 1) s: 50 start at once, then 50
    /// more each second; the goal is at most 1.10 times that.
    /// </summary>
    private static async Task AllTogetherAsync(string redis, ScenarioResult result, int downloadsEach)
    {
        await using FeishuEmulator emulator = await StartEmulatorAsync(rateLimited: true);
        ServiceProvider[] replicas = Enumerable.Range(0, Replicas).Select(_ => Replica(emulator, redis, 50, 1000)).ToArray();
        try
        {
            IFeishuResourceClient[] clients = await WarmedUpAsync(replicas);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(clients.SelectMany(client => Enumerable.Range(0, downloadsEach).Select(_ => DownloadAsync(client))));
            clock.Stop();

            int total = Replicas * downloadsEach;
            double ideal = Math.Max(Math.Ceiling(total / 50.0) - 1, 0.001);
            int limited = emulator.Traffic.RateLimitedResponses;
            int busiest = emulator.Traffic.MaxRequestsStartedInAnySecond(FeishuEmulatorApi.Files);
            result.Add(
                clock.Elapsed,
                string.Create(CultureInfo.InvariantCulture, $"{total} downloads, {clock.Elapsed.TotalSeconds / ideal:0.000}× the ideal {ideal:0.0} s, {limited} × 429, busiest second {busiest}"),
                limited != 0 ? $"{limited} responses were 429" : busiest > 50 ? $"{busiest} requests within one second" : null);
        }
        finally
        {
            await DisposeAllAsync(replicas);
        }
    }

    /// <summary>
    /// One replica downloads while the other three idle: through Redis it may use the whole quota; with the static
    /// share (12 of 50 per second) it may not. The sustained rate leaves out the burst the empty windows let start at once.
    /// </summary>
    private static async Task OneBusyAsync(string redis, ScenarioResult result, int sharedDownloads, int staticDownloads)
    {
        double shared = await SustainedRateAsync(redis, sharedDownloads, perSecond: 50);
        double alone = await SustainedRateAsync(redis: null, staticDownloads, perSecond: 50 / Replicas);
        result.Add(
            TimeSpan.FromSeconds(sharedDownloads / shared),
            string.Create(CultureInfo.InvariantCulture, $"busy replica through Redis {shared:0.0}/s, with the static 1/4 share {alone:0.0}/s (goal ≥ 45/s against 12.5/s)"),
            shared < alone ? "the shared quota was slower than the static share" : null);
    }

    /// <summary>Sequential 1 KiB downloads alternating between the in-process quota and the Redis quota; the median pair difference.</summary>
    private static async Task OverheadAsync(string redis, ScenarioResult result, int pairs)
    {
        await using FeishuEmulator emulator = await StartEmulatorAsync(rateLimited: false);
        ServiceProvider local = Replica(emulator, redis: null, 1_000_000, 60_000_000);
        ServiceProvider shared = Replica(emulator, redis, 1_000_000, 60_000_000);
        try
        {
            IFeishuResourceClient[] clients = await WarmedUpAsync([local, shared]);
            var added = new List<double>(pairs);
            for (int i = 0; i < pairs; i++)
            {
                TimeSpan withoutRedis = await TimedDownloadAsync(clients[0]);
                TimeSpan withRedis = await TimedDownloadAsync(clients[1]);
                added.Add((withRedis - withoutRedis).TotalMilliseconds);
            }

            added.Sort();
            double median = added[added.Count / 2];
            result.Add(
                TimeSpan.FromMilliseconds(Math.Max(median, 0)),
                string.Create(CultureInfo.InvariantCulture, $"{pairs} pairs, Redis quota adds {median:0.000} ms median (middle half {added[added.Count / 4]:0.000} – {added[(3 * added.Count) / 4]:0.000} ms)"),
                null);
        }
        finally
        {
            await DisposeAllAsync([local, shared]);
        }
    }

    private static async Task<double> SustainedRateAsync(string? redis, int downloads, int perSecond)
    {
        await using FeishuEmulator emulator = await StartEmulatorAsync(rateLimited: true);
        ServiceProvider[] replicas = Enumerable.Range(0, Replicas).Select(_ => Replica(emulator, redis, perSecond, 1000 / (redis is null ? Replicas : 1))).ToArray();
        try
        {
            IFeishuResourceClient busy = (await WarmedUpAsync(replicas))[0];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, downloads).Select(_ => DownloadAsync(busy)));
            return (downloads - perSecond) / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await DisposeAllAsync(replicas);
        }
    }

    /// <summary>One replica's container: its quota in Redis (all 4 of them sharing it), or without Redis its static share.</summary>
    private static ServiceProvider Replica(FeishuEmulator emulator, string? redis, int perSecond, int perMinute)
    {
        var services = new ServiceCollection().AddLogging();
        IHttpClientBuilder client = services.AddFeishuResources(options =>
        {
            emulator.ConfigureClient(options);
            options.RateLimit.PermitsPerSecond = perSecond;
            options.RateLimit.PermitsPerMinute = perMinute;
        });
        if (redis is not null)
        {
            client.UseRedisQuota(redis, quota => quota.ExpectedReplicas = Replicas);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>Each replica's client after one download: token cached, connection to Redis made, as in a running service.</summary>
    private static async Task<IFeishuResourceClient[]> WarmedUpAsync(ServiceProvider[] replicas)
    {
        IFeishuResourceClient[] clients = replicas.Select(r => r.GetRequiredService<IFeishuResourceClient>()).ToArray();
        await Task.WhenAll(clients.Select(DownloadAsync));
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        return clients;
    }

    private static async Task<FeishuEmulator> StartEmulatorAsync(bool rateLimited)
    {
        string appId = "cli_replicas_" + Guid.NewGuid().ToString("N")[..12];
        FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = appId, RateLimitingEnabled = rateLimited });
        emulator.AddFile(FileKey, FeishuEmulatorContent.Generated(1024), "application/octet-stream", "f.bin");
        return emulator;
    }

    private const string FileKey = "file_v3_replicas";

    private static async Task DownloadAsync(IFeishuResourceClient client)
    {
        await using FeishuDownload download = await client.DownloadFileAsync(FileKey);
        await download.CopyToAsync(Stream.Null);
    }

    private static async Task<TimeSpan> TimedDownloadAsync(IFeishuResourceClient client)
    {
        long start = Stopwatch.GetTimestamp();
        await DownloadAsync(client);
        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task DisposeAllAsync(ServiceProvider[] replicas)
    {
        foreach (ServiceProvider replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
