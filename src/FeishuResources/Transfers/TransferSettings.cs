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
    /// <summary>
    /// The platform's "100 MB" (as the emulator reads it): larger resources are refused whole (234037) and served
    /// in <c>Range</c> chunks, so past it the rest of a body is asked for chunk by chunk, never in one open range.
    /// </summary>
    public const long WholeDownloadLimit = 100L * 1024 * 1024;

    /// <summary>The defaults of <see cref="FeishuResourcesOptions"/>, for downloads built without a client.</summary>
    public static TransferSettings Default { get; } = From(new FeishuResourcesOptions());

    public static TransferSettings From(FeishuResourcesOptions options)
        => new(options.MaxDownloadBytes, options.RangeChunkSize, options.MaxResumeAttempts, options.ParallelChunks, options.OverwriteExisting, options.Timeouts.BodyIdleTimeout);
}
