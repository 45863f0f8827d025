using System;
using System.IO;

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

        var body = new Transfers.DownloadStream(content, contentLength, resourceKey, logId);
        return new FeishuDownload(body, resourceKey, contentType, fileName, contentLength, logId, TimeProvider.System);
    }
}
