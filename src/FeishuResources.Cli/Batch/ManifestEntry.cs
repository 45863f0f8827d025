using System;

namespace FeishuResources.Cli.Batch;

/// <summary>An item a batch saved completely: its file (relative to the batch folder) and its length.</summary>
internal sealed record ManifestEntry(string File, long Bytes, DateTimeOffset SavedAt);
