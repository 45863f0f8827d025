using System.Diagnostics;
using FeishuResources.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.Benchmarks;

/// <summary>
/// 150 downloads started at once against the emulator enforcing the platform's 50/s and 1000/min. The
/// client-side limiter is process-wide per app, so every repetition uses a new app id and starts fresh.
/// Ideal: 2.0 s (three full seconds' worth of permits, the first at once); goal: at most 2.6 s, no 429.
/// </summary>
internal static class BurstScenario
{
    private const int Downloads = 150;

    public static async Task RunAsync(ScenarioResult result)
    {
        string appId = "cli_burst_" + Guid.NewGuid().ToString("N")[..12];
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = appId });
        for (int i = 0; i < Downloads; i++)
        {
            emulator.AddFile(Key(i), FeishuEmulatorContent.Generated(1024, seed: i), "application/octet-stream", "f.bin");
        }

        var services = new ServiceCollection().AddLogging();
        services.AddFeishuResources(emulator.ConfigureClient);
        await using ServiceProvider provider = services.BuildServiceProvider();
        IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Downloads).Select(async i =>
        {
            await using FeishuDownload download = await client.DownloadFileAsync(Key(i));
            await download.CopyToAsync(Stream.Null);
        }));
        clock.Stop();

        FeishuEmulatorTraffic traffic = emulator.Traffic;
        int served = traffic.CountRequests(FeishuEmulatorApi.Files);
        int limited = traffic.RateLimitedResponses;
        string? failure = limited != 0 ? $"{limited} responses were 429"
            : served != Downloads ? $"{served} download requests for {Downloads} downloads"
            : null;
        result.Add(clock.Elapsed, $"{limited} × 429, busiest second {traffic.MaxRequestsStartedInAnySecond(FeishuEmulatorApi.Files)} requests", failure);
    }

    private static string Key(int i) => "file_v3_burst_" + i;
}
