using System.Globalization;

namespace FeishuResources.Benchmarks;

/// <summary>The timings of a scenario's repetitions and whether every repetition behaved correctly.</summary>
internal sealed class ScenarioResult(string name, string goal)
{
    private readonly List<TimeSpan> _times = [];
    private readonly List<string> _failures = [];

    /// <summary>The head of the table of <see cref="Summary"/> rows.</summary>
    public const string Header = "| scenario | repetitions | median | min | max | goal | correctness |\n|---|---|---|---|---|---|---|";

    public string Name { get; } = name;

    public bool Passed => _failures.Count == 0;

    public void Add(TimeSpan elapsed, string details, string? failure)
    {
        _times.Add(elapsed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Name} #{_times.Count}: {elapsed.TotalSeconds:0.000} s; {details}{(failure is null ? "" : "; FAILED: " + failure)}"));
        if (failure is not null)
        {
            _failures.Add(failure);
        }
    }

    public string Summary()
    {
        TimeSpan[] sorted = [.. _times.Order()];
        TimeSpan median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Name} | {sorted.Length} | {median.TotalSeconds:0.000} s | {sorted[0].TotalSeconds:0.000} s | {sorted[^1].TotalSeconds:0.000} s | {goal} | {(Passed ? "correct" : "FAILED: " + string.Join("; ", _failures.Distinct()))} |");
    }
}
