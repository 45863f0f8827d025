namespace FeishuResources.Cli.Running;

/// <summary>How one item of a run ended.</summary>
internal enum ItemStatus
{
    Saved,
    Skipped,
    Failed,
}
