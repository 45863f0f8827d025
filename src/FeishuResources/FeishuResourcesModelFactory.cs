using System;
using System.IO;
using FeishuResources.Transfers;

namespace FeishuResources;

/// <summary>
/// Builds SDK results for tests of code that consumes <see cref="IFeishuResourceClient"/>, for example
/// a fake client that returns canned downloads.
/// </summary>
public static class FeishuResourcesModelFactory
{
    /// <summary>Creates a download whose body is <paramref name="content"/>.</summary>
    /// <param name="content">The body; it is disposed with the download.</param>
    /// <param name="resourceKey">The resource key.</param>
    /// <param name="contentType">The media type.</param>
    /// <param name="fileName">The file name.</param>
    /// <param name="contentLength">The declared length; a body of another length fails like a real one would.</param>
    /// <param name="logId">The log id.</param>
    /// <returns>A download backed by <paramref name="content"/>.</returns>
    public static FeishuDownload Download(Stream content, string resourceKey = "file_test", string? contentType = null, string? fileName = null, long? contentLength = null, string? logId = null)
    {
        Internal.Guard.NotNull(content, nameof(content));

        // Not from the network, so nothing to resume from: a body shorter or longer than contentLength fails at once.
        var first = new BodyPart(null, content, isWhole: true, contentLength, contentLength, logId);
        var body = new ResumableBodyStream(null, first, new BodyRules(resourceKey, MaxBytes: null, MaxResumeAttempts: 0, ChunkSize: null, Telemetry: null), start: 0, contentLength, contentLength);
        return new FeishuDownload(body, resourceKey, contentType, fileName, contentLength, logId, TimeProvider.System, TransferSettings.Default);
    }
}
