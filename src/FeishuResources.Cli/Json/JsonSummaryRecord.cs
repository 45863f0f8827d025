using System.Collections.Generic;
using System.Linq;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Json;

/// <summary>The last line of <c>--json</c> output for a download command: counts, exit code and the failed items.</summary>
internal sealed record JsonSummaryRecord(string Kind, int Total, int Saved, int Skipped, int Failed, int ExitCode, IReadOnlyList<string> FailedItems)
{
    public static JsonSummaryRecord From(RunSummary summary) => new(
        "summary",
        summary.Total,
        summary.Saved,
        summary.Skipped,
        summary.FailedItems.Count,
        summary.ExitCode,
        summary.FailedItems.Select(item => item.Target.ToString()).ToList());
}
