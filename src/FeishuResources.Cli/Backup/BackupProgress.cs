using System;
using System.Globalization;
using FeishuResources.Cli.Output;

namespace FeishuResources.Cli.Backup;

/// <summary>Where a chat's backup is: messages scanned, files saved and failed, bytes, rates, and whether requests are waiting for the quota.</summary>
internal sealed record BackupProgress(string ChatId, long Scanned, long Saved, long Failed, long Bytes, TimeSpan Elapsed, TimeSpan? QuotaWait)
{
    public string Describe()
    {
        double seconds = Math.Max(Elapsed.TotalSeconds, 0.001);
        string quota = QuotaWait is { } wait ? string.Create(CultureInfo.InvariantCulture, $", waiting {wait.TotalSeconds:0.0} s for the quota") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"{ChatId}: {Scanned:N0} messages scanned, {Saved:N0} files saved, {Failed:N0} failed, {BinarySize.Format(Bytes)} at {BinarySize.Format(Bytes / seconds)}/s, {Saved / seconds:0.0} files/s{quota}");
    }
}
