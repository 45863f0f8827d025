namespace FeishuResources.Cli.Running;

/// <summary>How one item of a run ended: where it was saved and how big it is, or why it failed.</summary>
internal sealed record ItemResult(DownloadTarget Target, ItemStatus Status, string? Path = null, long? Bytes = null, string? ContentType = null, string? LogId = null, CliFailure? Failure = null)
{
    public static ItemResult Saved(DownloadTarget target, string path, long bytes, string? contentType, string? logId)
        => new(target, ItemStatus.Saved, path, bytes, contentType, logId);

    public static ItemResult AlreadySaved(DownloadTarget target, string path, long bytes)
        => new(target, ItemStatus.Skipped, path, bytes);

    public static ItemResult Failed(DownloadTarget target, CliFailure failure)
        => new(target, ItemStatus.Failed, LogId: failure.LogId, Failure: failure);
}
