using System.Diagnostics;
using FeishuResources.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.Benchmarks;

/// <summary>
/// 1000 downloads started at once by a client that has no token yet: the SDK must ask for exactly one.
/// Rate limits are off on both sides, so the calls really do arrive together.
/// </summary>
internal static class ColdTokenScenario
{
    private const int Calls = 1000;
    private const string Key = "file_v3_cold";

    public static async Task RunAsync(ScenarioResult result)
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { RateLimitingEnabled = false });
        emulator.AddFile(Key, FeishuEmulatorContent.Generated(1024), "application/octet-stream", "f.bin");

        var services = new ServiceCollection().AddLogging();
        services.AddFeishuResources(o =>
        {
            emulator.ConfigureClient(o);
            o.RateLimit.Enabled = false;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Calls).Select(async _ =>
        {
            await using FeishuDownload download = await client.DownloadFileAsync(Key);
            await download.CopyToAsync(Stream.Null);
        }));
        clock.Stop();

        int tokenRequests = emulator.Traffic.TokenRequests;
        int served = emulator.Traffic.CountRequests(FeishuEmulatorApi.Files);
        string? failure = tokenRequests != 1 ? $"{tokenRequests} token requests"
            : served != Calls ? $"{served} download requests for {Calls} calls"
            : null;
        result.Add(clock.Elapsed, $"{tokenRequests} token request(s), {served} downloads", failure);
    }
}
