using System.Diagnostics;
using System.Globalization;
using FeishuResources.Testing;

namespace FeishuResources.Benchmarks;

/// <summary>
/// Issue 13: <c>feishu-resources chat</c> run as a child process against the emulator enforcing every documented quota
/// (50/s and 1000/min per API). The wall time is compared with the quota-bound ideal of the same chat, computed here:
/// the time the platform's windows make the busiest API's last request wait (the resource downloads: 1,200 of them
/// cannot all start within a minute). The child's peak working set is measured for the big chat, one twice its size, a
/// chat a tenth of its size and a small chat of files 16 times larger: flat means twice the messages cost nothing (the
/// small chats end within seconds, before the runtime has warmed up: they show its warm-up, not the messages'). Every
/// run checks that nothing was refused with 429 and that the index lists every seeded resource.
/// </summary>
internal static class ChatBackupScenario
{
    private const int PerSecond = 50;
    private const int PerMinute = 1000;

    public static Func<ScenarioResult, Task> For(bool quick) => result => RunAsync(result, quick);

    private static async Task RunAsync(ScenarioResult result, bool quick)
    {
        var big = quick
            ? new FeishuEmulatorChatOptions { MessageCount = 40, ResourceCount = 24, ThreadCount = 2 }
            : new FeishuEmulatorChatOptions { MessageCount = 2000, ResourceCount = 1200, ThreadCount = 20 };
        Run main = await BackUpAsync(big);
        string memory = "";
        if (!quick)
        {
            Run twice = await BackUpAsync(new FeishuEmulatorChatOptions { MessageCount = 4000, ResourceCount = 2400, ThreadCount = 40 });
            Run tenth = await BackUpAsync(new FeishuEmulatorChatOptions { MessageCount = 200, ResourceCount = 120, ThreadCount = 2 });
            Run largeFiles = await BackUpAsync(new FeishuEmulatorChatOptions { MessageCount = 200, ResourceCount = 120, ThreadCount = 2, MinResourceBytes = 16 * 1024, MaxResourceBytes = 1024 * 1024 });
            memory = string.Create(CultureInfo.InvariantCulture, $"; peak working set {Mib(main.PeakWorkingSet)} (2,000 messages), {Mib(twice.PeakWorkingSet)} (4,000, {twice.Elapsed.TotalSeconds:0} s), {Mib(tenth.PeakWorkingSet)} (200), {Mib(largeFiles.PeakWorkingSet)} (200, files ×16)");
        }

        // A quick chat fits in the first second's permits: its ideal is 0 and a ratio would say nothing.
        string ratio = main.Ideal > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"{main.Elapsed / main.Ideal:0.000}× ideal") : "no quota wait needed";
        result.Add(main.Elapsed, string.Create(CultureInfo.InvariantCulture, $"ideal {main.Ideal.TotalSeconds:0.000} s, {ratio}, {main.Requests} requests, {main.Limited} × 429{memory}"), main.Failure);
    }

    private static async Task<Run> BackUpAsync(FeishuEmulatorChatOptions chat)
    {
        string appId = "cli_chat_" + Guid.NewGuid().ToString("N")[..12];
        string folder = Path.Combine(Path.GetTempPath(), "feishu-chat-bench-" + Guid.NewGuid().ToString("N"));
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = appId, RequestsPerSecond = PerSecond, RequestsPerMinute = PerMinute });
        IReadOnlyList<FeishuEmulatorChatResource> seeded = emulator.SeedChat("oc_bench", chat);
        try
        {
            (TimeSpan elapsed, long peak, int exitCode) = await RunCliAsync(emulator, folder);
            FeishuEmulatorTraffic traffic = emulator.Traffic;
            TimeSpan ideal = new[] { FeishuEmulatorApi.MessageResources, FeishuEmulatorApi.MessageList, FeishuEmulatorApi.Messages }
                .Select(api => LastPermitAt(traffic.CountRequests(api)))
                .Max();
            int indexed = File.ReadLines(Path.Combine(folder, "index.jsonl")).Count(l => l.Length > 0);
            string? failure = exitCode != 0 ? $"the CLI exited with {exitCode}"
                : traffic.RateLimitedResponses != 0 ? $"{traffic.RateLimitedResponses} responses were 429"
                : indexed != seeded.Count ? $"{indexed} of {seeded.Count} resources in the index"
                : null;
            return new Run(elapsed, ideal, peak, traffic.Requests.Count, traffic.RateLimitedResponses, failure);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// When the last of <paramref name="requests"/> can start at the earliest, the first at 0, if none may start within a
    /// second of the 50th before it nor within a minute of the 1000th before it.
    /// </summary>
    private static TimeSpan LastPermitAt(int requests)
    {
        var starts = new double[requests];
        for (int k = 0; k < requests; k++)
        {
            double earliest = k == 0 ? 0 : starts[k - 1];
            earliest = Math.Max(earliest, k >= PerSecond ? starts[k - PerSecond] + 1 : 0);
            starts[k] = Math.Max(earliest, k >= PerMinute ? starts[k - PerMinute] + 60 : 0);
        }

        return TimeSpan.FromSeconds(requests == 0 ? 0 : starts[^1]);
    }

    private static async Task<(TimeSpan Elapsed, long PeakWorkingSet, int ExitCode)> RunCliAsync(FeishuEmulator emulator, string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { CliPath(), "chat", "oc_bench", "-o", folder, "--threads", "--concurrency", "16", "--quiet", "--base-url", emulator.BaseAddress.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["FEISHU_APP_ID"] = emulator.AppId, ["FEISHU_APP_SECRET"] = emulator.AppSecret },
        };
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            // The kernel keeps the high-water mark (VmHWM); the last reading before the exit is the peak.
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
            }

            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(50));
        }

        clock.Stop();
        await output;
        string failed = await errors;
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine(failed);
        }

        return (clock.Elapsed, peak, process.ExitCode);
    }

    /// <summary>The CLI built by <c>dotnet build</c> of the solution (CI builds it before the benchmarks).</summary>
    private static string CliPath()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string dll = Path.Combine(folder.FullName, "src", "FeishuResources.Cli", "bin", "Release", "net10.0", "feishu-resources.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException("Build the CLI first: dotnet build src/FeishuResources.Cli -c Release.");
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MiB");

    private sealed record Run(TimeSpan Elapsed, TimeSpan Ideal, long PeakWorkingSet, int Requests, int Limited, string? Failure);
}
