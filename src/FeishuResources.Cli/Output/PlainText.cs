using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Output;

/// <summary>The human-readable wording of results and failures, shared by the plain and terminal outputs.</summary>
internal static class PlainText
{
    public static string Item(ItemResult result) => result.Status switch
    {
        ItemStatus.Saved => $"saved    {result.Target} -> {result.Path} ({Bytes(result.Bytes)})",
        ItemStatus.Skipped => $"skipped  {result.Target} -> {result.Path} (already saved)",
        _ => $"failed   {result.Target}: {result.Failure!.Message}",
    };

    /// <summary>A listed resource: kind, key, type and name, in columns.</summary>
    public static string Resource(FeishuMessageResource resource)
        => string.Join(
            "  ",
            ResourceKindNames.Format(resource.Kind).PadRight(10),
            resource.Key,
            resource.Type is { } type ? ResourceTypeNames.Format(type) : "-",
            resource.IsDownloadable ? resource.FileName ?? string.Empty : "(not downloadable)").TrimEnd();

    /// <summary>The platform's code, HTTP status, log id and troubleshooter link, when there are any.</summary>
    public static string? Details(CliFailure failure)
    {
        var parts = new List<string>();
        if (failure.PlatformCode is { } code)
        {
            parts.Add("code " + code.ToString(CultureInfo.InvariantCulture));
        }

        if (failure.HttpStatus is { } status)
        {
            parts.Add("HTTP " + status.ToString(CultureInfo.InvariantCulture));
        }

        if (failure.LogId is not null)
        {
            parts.Add("log id " + failure.LogId);
        }

        if (failure.Troubleshooter is not null)
        {
            parts.Add("troubleshooter " + failure.Troubleshooter);
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    public const string Stopping = "Stopping… (Ctrl+C again quits at once)";

    public static string Summary(RunSummary summary) => summary.Unfinished.Count == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{summary.Saved} saved, {summary.Skipped} skipped, {summary.FailedItems.Count} failed.")
        : string.Create(CultureInfo.InvariantCulture, $"{summary.Saved} saved, {summary.Skipped} skipped, {summary.FailedItems.Count} failed, {summary.Unfinished.Count} not saved (cancelled).");

    public static IEnumerable<string> FailedList(RunSummary summary)
        => summary.FailedItems.Select(item => $"  {item.Target} (exit code {item.Failure!.ExitCode}{DetailsSuffix(item.Failure)})");

    public static string Bytes(long? bytes)
        => bytes is { } count ? count.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "unknown size";

    private static string DetailsSuffix(CliFailure failure) => Details(failure) is { } details ? ", " + details : string.Empty;
}
