using System.Collections.Generic;
using System.Linq;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Json;

/// <summary>
/// The last line of <c>--json</c> output for a download command: counts, exit code, the failed items, the
/// items a Ctrl+C left unsaved, and the file each saved or skipped item is in (keyed by its list line; none for a chat backup,
/// whose index lists them).
/// </summary>
internal sealed record JsonSummaryRecord(string Kind, int Total, int Saved, int Skipped, int Failed, int Cancelled, int ExitCode, IReadOnlyList<string> FailedItems, IReadOnlyList<string> CancelledItems, IReadOnlyDictionary<string, string> Files)
{
    public static JsonSummaryRecord From(RunSummary summary) => new(
        "summary",
        summary.Total,
        summary.Saved,
        summary.Skipped,
        summary.FailedItems.Count,
        summary.Unfinished.Count,
        summary.ExitCode,
        summary.FailedItems.Select(item => item.Target.ToString()).ToList(),
        summary.Unfinished.Select(target => target.ToString()).ToList(),
        summary.Files);
}
