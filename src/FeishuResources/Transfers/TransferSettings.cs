namespace FeishuResources.Transfers;

/// <summary>The transfer limits and choices of one client, copied from its options.</summary>
internal sealed record TransferSettings(
    long MaxDownloadBytes,
    int RangeChunkSize,
    int MaxResumeAttempts,
    int ParallelChunks,
    bool OverwriteExisting,
    System.TimeSpan BodyIdleTimeout)
{
    /// <summary>The defaults of <see cref="FeishuResourcesOptions"/>, for downloads built without a client.</summary>
    public static TransferSettings Default { get; } = From(new FeishuResourcesOptions());

    public static TransferSettings From(FeishuResourcesOptions options)
        => new(options.MaxDownloadBytes, options.RangeChunkSize, options.MaxResumeAttempts, options.ParallelChunks, options.OverwriteExisting, options.Timeouts.BodyIdleTimeout);
}
