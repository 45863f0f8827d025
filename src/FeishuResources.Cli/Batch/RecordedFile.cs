namespace FeishuResources.Cli.Batch;

/// <summary>
/// The file the manifest recorded for an item, found as a regular file directly inside the batch folder:
/// <see cref="Matches"/> when it still has the recorded length (the item is saved), else it is to be replaced.
/// </summary>
internal sealed record RecordedFile(string Path, long Bytes, bool Matches);
