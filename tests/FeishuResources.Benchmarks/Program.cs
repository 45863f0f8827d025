using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FeishuResources.Benchmarks;

// dotnet run -c Release --project tests/FeishuResources.Benchmarks [-- --quick]
// --quick proves everything still runs (CI): one BenchmarkDotNet iteration in process, a few timing pairs
// and one repetition of each scenario. Timings are printed (the paired ones beside their goals, with no
// verdict: a few hundred pairs on a shared machine are too noisy to judge), never judged: the exit code is non-zero only when a benchmark produced no result or a scenario misbehaved
// (a 429, more than one token request).
if (args.Contains(ServerProcess.ServeArgument))
{
    return await ServerProcess.ServeAsync();
}

bool quick = args.Contains("--quick");

// The long scenarios of issues 13, 14 and 16 each take minutes in full: a full run measures them only when asked
// (`-- --chat-backup`, `-- --redis-replicas`, `-- --parallel-saves`, each alone); --quick runs every one, tiny.
ScenarioResult[] redisScenarios =
[
    new("4 replicas × 150 downloads at once, quota in Redis", "≤ 1.10× the ideal 11.0 s, zero 429"),
    new("one busy replica among 4, quota in Redis", "≥ 45/s against 12.5/s with the static share"),
    new("Redis quota's added time on a 1 KiB download", "≤ 1 ms median"),
];
var chat = new ScenarioResult(quick ? "chat backup, 40 messages / 24 resources (CLI)" : "chat backup, 2,000 messages / 1,200 resources (CLI)", "≤ 1.15× the quota-bound ideal, zero 429, memory flat");
var parallelRows = new List<string>();

if (args.Contains("--parallel-saves"))
{
    bool ok = await ParallelSaveScenario.RunAsync(quick, parallelRows);
    Console.WriteLine(ParallelSaveScenario.Header);
    parallelRows.ForEach(Console.WriteLine);
    return ok ? 0 : 1;
}

if (args.Contains("--redis-replicas"))
{
    await RedisReplicasScenario.RunAsync(redisScenarios[0], redisScenarios[1], redisScenarios[2], quick);
    Console.WriteLine(ScenarioResult.Header);
    Array.ForEach(redisScenarios, r => Console.WriteLine(r.Summary()));
    return redisScenarios.All(r => r.Passed) ? 0 : 1;
}

if (args.Contains("--chat-backup"))
{
    await ChatBackupScenario.For(quick)(chat);
    Console.WriteLine(ScenarioResult.Header);
    Console.WriteLine(chat.Summary());
    return chat.Passed ? 0 : 1;
}

int repetitions = quick ? 1 : 5;
IConfig config = quick
    ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick"))
    : DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15).WithId("Full"));
Summary[] summaries = BenchmarkRunner.Run([typeof(DownloadBenchmarks), typeof(InMemoryDownloadBenchmarks)], config);
bool benchmarksRan = summaries.Length == 2 && summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.Length > 0 && s.Reports.All(r => r.Success));

var scenarios = new List<(ScenarioResult Result, Func<ScenarioResult, Task> Run)>
{
    (new ScenarioResult("150-download burst, server strict at 50/s", "≤ 2.6 s (ideal 2.0 s), zero 429"), BurstScenario.RunAsync),
    (new ScenarioResult("1000 concurrent cold calls", "exactly 1 token request"), ColdTokenScenario.RunAsync),
};
if (quick)
{
    scenarios.Add((chat, ChatBackupScenario.For(quick)));
}

foreach ((ScenarioResult result, Func<ScenarioResult, Task> run) in scenarios)
{
    Console.WriteLine($"Scenario: {result.Name}");
    for (int i = 0; i < repetitions; i++)
    {
        await run(result);
    }
}

bool longScenariosPassed = true;
if (quick)
{
    Console.WriteLine("Scenario: several replicas, quota in Redis");
    await RedisReplicasScenario.RunAsync(redisScenarios[0], redisScenarios[1], redisScenarios[2], quick);
    longScenariosPassed = redisScenarios.All(r => r.Passed) && await ParallelSaveScenario.RunAsync(quick, parallelRows);
}

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
Console.WriteLine(ScenarioResult.Header);
foreach (ScenarioResult result in scenarios.Select(s => s.Result).Concat(quick ? redisScenarios : []))
{
    Console.WriteLine(result.Summary());
}

if (quick)
{
    Console.WriteLine();
    Console.WriteLine(ParallelSaveScenario.Header);
    parallelRows.ForEach(Console.WriteLine);
}

if (!benchmarksRan)
{
    Console.Error.WriteLine("A benchmark failed to produce a result: see the BenchmarkDotNet log above.");
}

return benchmarksRan && longScenariosPassed && scenarios.All(s => s.Result.Passed) ? 0 : 1;
