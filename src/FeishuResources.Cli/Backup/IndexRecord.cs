using System;

namespace FeishuResources.Cli.Backup;

/// <summary>
/// One line of a backup's <c>index.jsonl</c>: a saved resource, where it came from and how to check it. The message id is
/// the one it is downloaded through (a merge-forward's for its forwarded files), and with the key it names the resource once.
/// </summary>
internal sealed record IndexRecord(string MessageId, string Key, DateTimeOffset? Time, string? SenderId, string Kind, string? OriginalName, string Path, long Bytes, string Sha256);
