using System.Collections.Generic;
using System.Linq;

namespace FeishuResources.Cli.Running;

/// <summary>
/// The counts of a run, the items that failed, the items a Ctrl+C left unfinished, and the exit code they
/// add up to. A batch always reports its summary, even of no items; a single download's line says it all.
/// </summary>
internal sealed record RunSummary(IReadOnlyList<ItemResult> Results, IReadOnlyList<DownloadTarget> Unfinished, bool IsBatch)
{
    public int Saved => Results.Count(r => r.Status == ItemStatus.Saved);

    public int Skipped => Results.Count(r => r.Status == ItemStatus.Skipped);

    public IReadOnlyList<ItemResult> FailedItems => Results.Where(r => r.Status == ItemStatus.Failed).ToList();

    public int Total => Results.Count + Unfinished.Count;

    /// <summary>A run cut short by Ctrl+C exits with 1, as a cancelled command does; else the failures decide.</summary>
    public int ExitCode => Unfinished.Count > 0
        ? ExitCodes.Failure
        : ExitCodes.ForFailures(FailedItems.Select(item => item.Failure!.ExitCode));

    public static RunSummary OfOne(ItemResult result) => new([result], [], IsBatch: false);

    public static RunSummary OfBatch(IReadOnlyList<ItemResult> finished, IReadOnlyList<DownloadTarget> unfinished) => new(finished, unfinished, IsBatch: true);
}
