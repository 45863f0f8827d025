using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FeishuResources.Benchmarks;

// dotnet run -c Release --project tests/FeishuResources.Benchmarks [-- --quick]
// --parallel-saves runs only the parallel-save scenario (issue 16), with --quick at tiny sizes.
// --quick proves everything still runs (CI): one BenchmarkDotNet iteration in process, a few timing pairs
// and one repetition of each scenario. Timings are printed (the paired ones beside their goals, with no
// verdict: a few hundred pairs on a shared machine are too noisy to judge), never judged: the exit code is non-zero only when a benchmark produced no result or a scenario misbehaved
// (a 429, more than one token request).
if (args.Contains(ServerProcess.ServeArgument))
{
    return await ServerProcess.ServeAsync();
}

bool quick = args.Contains("--quick");
if (args.Contains("--parallel-saves"))
{
    // Only issue 16's scenario: the full run takes minutes per size on a slow link.
    var rows = new List<string>();
    bool ok = await ParallelSaveScenario.RunAsync(quick, rows);
    Console.WriteLine(ParallelSaveScenario.Header);
    rows.ForEach(Console.WriteLine);
    return ok ? 0 : 1;
}

int repetitions = quick ? 1 : 5;

// -- --chat-backup [--quick]: only issue 13's chat backup scenario, once (a full one takes over a minute by design).
if (args.Contains("--chat-backup"))
{
    var chat = new ScenarioResult("chat backup (CLI)", "≤ 1.15× the quota-bound ideal, zero 429, memory flat");
    await ChatBackupScenario.For(quick)(chat);
    Console.WriteLine(chat.Summary());
    return chat.Passed ? 0 : 1;
}

IConfig config = quick
    ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick"))
    : DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15).WithId("Full"));
Summary[] summaries = BenchmarkRunner.Run([typeof(DownloadBenchmarks), typeof(InMemoryDownloadBenchmarks)], config);
bool benchmarksRan = summaries.Length == 2 && summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.Length > 0 && s.Reports.All(r => r.Success));

var scenarios = new (ScenarioResult Result, Func<ScenarioResult, Task> Run)[]
{
    (new ScenarioResult("150-download burst, server strict at 50/s", "≤ 2.6 s (ideal 2.0 s), zero 429"), BurstScenario.RunAsync),
    (new ScenarioResult("1000 concurrent cold calls", "exactly 1 token request"), ColdTokenScenario.RunAsync),
    (new ScenarioResult(quick ? "chat backup, 40 messages / 24 resources (CLI)" : "chat backup, 2,000 messages / 1,200 resources (CLI)", "≤ 1.15× the quota-bound ideal, zero 429, memory flat"), ChatBackupScenario.For(quick)),
};
foreach ((ScenarioResult result, Func<ScenarioResult, Task> run) in scenarios)
{
    Console.WriteLine($"Scenario: {result.Name}");
    for (int i = 0; i < repetitions; i++)
    {
        await run(result);
    }
}

var parallelRows = new List<string>();
bool parallelSavesPassed = await ParallelSaveScenario.RunAsync(quick, parallelRows);

Console.WriteLine("Paired timing: raw and SDK downloads alternating");
var paired = new List<string>();
foreach (PairedTiming timing in PairedTiming.Goals(quick))
{
    paired.Add(await timing.RunAsync());
}

Console.WriteLine();
Console.WriteLine("| size | pairs | raw median | SDK median | SDK/raw, median of pairs | middle half of pairs | goal | on this run |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
paired.ForEach(Console.WriteLine);

Console.WriteLine();
Console.WriteLine("| scenario | repetitions | median | min | max | goal | correctness |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach ((ScenarioResult result, _) in scenarios)
{
    Console.WriteLine(result.Summary());
}

Console.WriteLine();
Console.WriteLine(ParallelSaveScenario.Header);
parallelRows.ForEach(Console.WriteLine);

if (!benchmarksRan)
{
    Console.Error.WriteLine("A benchmark failed to produce a result: see the BenchmarkDotNet log above.");
}

return benchmarksRan && parallelSavesPassed && scenarios.All(s => s.Result.Passed) ? 0 : 1;
