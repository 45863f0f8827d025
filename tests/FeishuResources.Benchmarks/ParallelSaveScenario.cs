using System.Diagnostics;
using FeishuResources.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.Benchmarks;

/// <summary>
/// Issue 16: saves by default (parallel ranges) against one stream (<c>ParallelChunks = 1</c>) in the same run,
/// alternating, on a slow link (the emulator capping each response at 20 MB/s after 30 ms of header latency)
/// and at loopback speed. Reports the median times and their ratio, requests per save against ranges + 1,
/// 429s, and the process's allocation per save (client and in-process emulator together).
/// </summary>
internal static class ParallelSaveScenario
{
    private const long SlowBytesPerSecond = 20_000_000;
    private static readonly TimeSpan HeaderLatency = TimeSpan.FromMilliseconds(30);

    public static string Header { get; } =
        "| parallel saves (issue 16) | repetitions | one stream, median | by default, median | speed-up | requests (worst) | 429s | allocated per save, worst | CPU per save, one stream / by default (medians) | correctness |\n|---|---|---|---|---|---|---|---|---|---|";

    /// <summary>Prints one table row per case; false when a save misbehaved (a 429, too many requests, a wrong length).</summary>
    public static async Task<bool> RunAsync(bool quick, List<string> rows)
    {
        long mib = 1024 * 1024;
        int repetitions = quick ? 1 : 5;

        // --quick only proves the scenario runs: tiny sizes, small ranges.
        var cases = quick
            ? new[] { ("4 MiB, slow link", 4 * mib, true, 256 * 1024), ("1.5 MiB, slow link", 3 * mib / 2, true, 256 * 1024), ("4 MiB, loopback", 4 * mib, false, 256 * 1024) }
            : new[] { ("160 MiB, slow link", 160 * mib, true, 8 * 1024 * 1024), ("60 MiB, slow link", 60 * mib, true, 8 * 1024 * 1024), ("160 MiB, loopback", 160 * mib, false, 8 * 1024 * 1024), ("60 MiB, loopback", 60 * mib, false, 8 * 1024 * 1024) };
        // Warm-up (JIT, connection set-up code) for both modes, not counted.
        await SaveAsync(mib, slow: false, 256 * 1024, parallelChunks: 1);
        await SaveAsync(mib, slow: false, 256 * 1024, parallelChunks: null);

        bool passed = true;
        foreach ((string name, long size, bool slow, int chunk) in cases)
        {
            Console.WriteLine($"Scenario: parallel saves, {name}");
            var single = new List<Save>();
            var parallel = new List<Save>();
            for (int i = 0; i < repetitions; i++)
            {
                single.Add(await SaveAsync(size, slow, chunk, parallelChunks: 1));
                parallel.Add(await SaveAsync(size, slow, chunk, parallelChunks: null));
            }

            Save worst = parallel.MaxBy(s => s.Requests)!;
            double oneStream = Median(single), byDefault = Median(parallel);
            string problems = string.Join("; ", single.Concat(parallel).Select(s => s.Problem).Where(p => p is not null).Distinct());
            passed &= problems.Length == 0;
            rows.Add($"| {name} | {repetitions} | {oneStream:0.000} s | {byDefault:0.000} s | {oneStream / byDefault:0.00}× | {worst.Requests} for {worst.Ranges} ranges | {parallel.Sum(s => s.RateLimited) + single.Sum(s => s.RateLimited)} | {parallel.Max(s => s.Allocated) / 1024:N0} KB | {MedianCpu(single):0.000} s / {MedianCpu(parallel):0.000} s | {(problems.Length == 0 ? "ok" : problems)} |");
        }

        return passed;
    }

    private static double Median(List<Save> saves) => Median(saves.Select(s => s.Elapsed.TotalSeconds));

    private static double MedianCpu(List<Save> saves) => Median(saves.Select(s => s.Cpu.TotalSeconds));

    private static double Median(IEnumerable<double> values)
    {
        double[] seconds = values.Order().ToArray();
        return seconds.Length % 2 == 1 ? seconds[seconds.Length / 2] : (seconds[(seconds.Length / 2) - 1] + seconds[seconds.Length / 2]) / 2;
    }

    private static async Task<Save> SaveAsync(long size, bool slow, int chunk, int? parallelChunks)
    {
        string appId = "cli_parallel_" + Guid.NewGuid().ToString("N")[..12];
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = appId, ResponseBytesPerSecond = slow ? SlowBytesPerSecond : null });
        if (slow)
        {
            emulator.Faults.DelayHeaders(HeaderLatency, "file_v3_parallel");
        }

        emulator.AddFile("file_v3_parallel", FeishuEmulatorContent.Generated(size, seed: 16), "application/octet-stream", "big.bin");
        var services = new ServiceCollection().AddLogging();
        services.AddFeishuResources(o =>
        {
            emulator.ConfigureClient(o);
            o.RangeChunkSize = chunk;
            o.ParallelChunks = parallelChunks ?? o.ParallelChunks;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();
        // Over 100 MiB every request is one chunk, whatever the parallelism.
        long chunks = (size + chunk - 1) / chunk;
        int ranges = (int)(size > 100L * 1024 * 1024 ? chunks : Math.Min(parallelChunks ?? new FeishuResourcesOptions().ParallelChunks, chunks));
        string folder = Directory.CreateTempSubdirectory("feishu-bench-").FullName;
        try
        {
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            // The whole process's CPU time, the emulator's included: the same for both modes, so the difference is the SDK's.
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            string path;
            await using (FeishuDownload download = await client.DownloadFileAsync("file_v3_parallel"))
            {
                path = await download.SaveToDirectoryAsync(folder);
            }

            clock.Stop();
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            FeishuEmulatorTraffic traffic = emulator.Traffic;
            int requests = traffic.CountRequests(FeishuEmulatorApi.Files);
            int limited = traffic.RateLimitedResponses;
            string? problem = limited != 0 ? $"{limited} × 429"
                : new FileInfo(path).Length != size ? "wrong length"
                : parallelChunks is null && requests > ranges + 1 ? $"{requests} requests for {ranges} ranges"
                : null;
            return new Save(clock.Elapsed, cpu, requests, ranges, limited, allocated, problem);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Save(TimeSpan Elapsed, TimeSpan Cpu, int Requests, int Ranges, int RateLimited, long Allocated, string? Problem);
}
