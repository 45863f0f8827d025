using System.Diagnostics;
using FeishuResources.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace FeishuResources.IntegrationTests;

/// <summary>
/// The rate-limit issue's acceptance scenario against a server that enforces 50/s and 1000/min with
/// sliding windows. The time it takes is printed, not asserted (machines are noisy); the benchmark
/// project measures it.
/// </summary>
public sealed class BurstTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_burst_of_150_downloads_with_rotating_handlers_and_a_new_client_per_call_meets_no_429()
    {
        // The emulator's default app id: the quota is this container's, whatever other tests run meanwhile.
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();
        for (int i = 0; i < 150; i++)
        {
            emulator.AddFile("file_v3_burst_" + i, FeishuEmulatorContent.Generated(1024, seed: i), "application/octet-stream", "f" + i + ".bin");
        }

        var services = new ServiceCollection().AddLogging();
        services.AddFeishuResources(emulator.ConfigureClient)
            .SetHandlerLifetime(TimeSpan.FromSeconds(1)); // the factory's minimum: handlers rotate mid-burst
        await using ServiceProvider provider = services.BuildServiceProvider();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 150).Select(async i =>
        {
            IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>(); // transient: a new client per call
            await using FeishuDownload download = await client.DownloadFileAsync("file_v3_burst_" + i);
            await download.CopyToAsync(Stream.Null);
        }));
        clock.Stop();

        output.WriteLine($"150 downloads in {clock.Elapsed.TotalSeconds:0.00} s; busiest second: {emulator.Traffic.MaxRequestsStartedInAnySecond(FeishuEmulatorApi.Files)} requests.");
        Assert.Equal(0, emulator.Traffic.RateLimitedResponses);
        Assert.Equal(150, emulator.Traffic.CountRequests(FeishuEmulatorApi.Files));
        Assert.True(emulator.Traffic.MaxRequestsStartedInAnySecond(FeishuEmulatorApi.Files) <= 50);
    }

    [Fact]
    public async Task Without_the_client_limiter_the_same_burst_does_meet_429_so_the_test_above_can_fail()
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();
        for (int i = 0; i < 150; i++)
        {
            emulator.AddFile("file_v3_burst_" + i, FeishuEmulatorContent.Generated(16, seed: i), "application/octet-stream");
        }

        var services = new ServiceCollection().AddLogging();
        services.AddFeishuResources(o =>
        {
            emulator.ConfigureClient(o);
            o.RateLimit.Enabled = false;
            o.Retry.MaxRateLimitRetryAttempts = 0;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();

        Exception?[] failures = await Task.WhenAll(Enumerable.Range(0, 150).Select(i => Record.ExceptionAsync(async () =>
        {
            await using FeishuDownload download = await client.DownloadFileAsync("file_v3_burst_" + i);
        })));

        Assert.Contains(failures, f => f is FeishuRateLimitedException);
        Assert.True(emulator.Traffic.RateLimitedResponses > 0);
    }
}
