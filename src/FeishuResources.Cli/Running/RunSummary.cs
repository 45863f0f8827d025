using System.Collections.Generic;
using System.Linq;

namespace FeishuResources.Cli.Running;

/// <summary>
/// The counts of a run, the items that failed, the items a Ctrl+C left unfinished, the file each saved or skipped
/// item is in, and the exit code they add up to. A batch always reports its summary, even of no items; a single
/// download's line says it all. A chat backup's summary names no files: its index is their record, and a summary
/// holding every file would grow with the chat.
/// </summary>
internal sealed record RunSummary(int Saved, int Skipped, IReadOnlyList<ItemResult> FailedItems, IReadOnlyList<DownloadTarget> Unfinished, IReadOnlyDictionary<string, string> Files, bool IsBatch)
{
    public int Total => Saved + Skipped + FailedItems.Count + Unfinished.Count;

    /// <summary>A run cut short by Ctrl+C exits with 1, as a cancelled command does; else the failures decide.</summary>
    public int ExitCode => Unfinished.Count > 0
        ? ExitCodes.Failure
        : ExitCodes.ForFailures(FailedItems.Select(item => item.Failure!.ExitCode));

    public static RunSummary OfOne(ItemResult result) => Of([result], [], isBatch: false);

    public static RunSummary OfBatch(IReadOnlyList<ItemResult> finished, IReadOnlyList<DownloadTarget> unfinished) => Of(finished, unfinished, isBatch: true);

    public static RunSummary OfBackup(int saved, IReadOnlyList<ItemResult> failed) => new(saved, 0, failed, [], new Dictionary<string, string>(), IsBatch: true);

    private static RunSummary Of(IReadOnlyList<ItemResult> finished, IReadOnlyList<DownloadTarget> unfinished, bool isBatch) => new(
        finished.Count(r => r.Status == ItemStatus.Saved),
        finished.Count(r => r.Status == ItemStatus.Skipped),
        finished.Where(r => r.Status == ItemStatus.Failed).ToList(),
        unfinished,
        finished.Where(item => item.Path is not null).ToDictionary(item => item.Target.ToString(), item => item.Path!),
        isBatch);
}
