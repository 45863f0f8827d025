using System.Collections.Generic;

namespace FeishuResources.Cli.Batch;

/// <summary>The manifest file's content: the saved items, keyed by their batch list line.</summary>
internal sealed class ManifestDocument
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public Dictionary<string, ManifestEntry> Items { get; set; } = new();
}
