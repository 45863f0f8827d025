using System.Collections.Generic;
using System.Linq;

namespace FeishuResources.Cli.Running;

/// <summary>The counts of a run, the items that failed, and the exit code they add up to.</summary>
internal sealed record RunSummary(int Saved, int Skipped, IReadOnlyList<ItemResult> FailedItems)
{
    public int Total => Saved + Skipped + FailedItems.Count;

    public int ExitCode => ExitCodes.ForFailures(FailedItems.Select(item => item.Failure!.ExitCode));

    public static RunSummary Of(IReadOnlyCollection<ItemResult> results) => new(
        results.Count(r => r.Status == ItemStatus.Saved),
        results.Count(r => r.Status == ItemStatus.Skipped),
        results.Where(r => r.Status == ItemStatus.Failed).ToList());
}
