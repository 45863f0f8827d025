namespace FeishuResources.Cli.Output;

/// <summary>Progress for outputs that show none.</summary>
internal sealed class NoItemProgress : IItemProgress
{
    public static NoItemProgress Instance { get; } = new();

    public void Report(long value)
    {
    }

    public void Complete(long totalBytes)
    {
    }

    public void Dispose()
    {
    }
}
