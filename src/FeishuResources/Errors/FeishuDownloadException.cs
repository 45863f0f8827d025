using System;
using System.Globalization;
using System.IO;

namespace FeishuResources;

/// <summary>
/// A download's body was not what its headers promised: it ended early, ran past its declared
/// length, or its ranged parts disagreed. Truncated data is never returned as success.
/// </summary>
public class FeishuDownloadException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="resourceKey">The file key of the download.</param>
    /// <param name="bytesReceived">How many bytes arrived.</param>
    /// <param name="bytesExpected">How many bytes the headers announced, when they did.</param>
    /// <param name="logId">The log id of the response.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public FeishuDownloadException(string message, string resourceKey, long bytesReceived, long? bytesExpected, string? logId, Exception? innerException = null)
        : base(message, innerException)
    {
        ResourceKey = resourceKey;
        BytesReceived = bytesReceived;
        BytesExpected = bytesExpected;
        LogId = logId;
    }

    /// <summary>The file key of the download.</summary>
    public string ResourceKey { get; }

    /// <summary>How many bytes arrived before the failure.</summary>
    public long BytesReceived { get; }

    /// <summary>How many bytes the headers announced, when they did.</summary>
    public long? BytesExpected { get; }

    /// <summary>The <c>X-Tt-Logid</c> of the response.</summary>
    public string? LogId { get; }

    internal static FeishuDownloadException Truncated(string resourceKey, long received, long? expected, string? logId, Exception? inner)
        => new(string.Format(CultureInfo.InvariantCulture,
                "The download of '{0}' ended after {1} of {2} bytes. Log id: {3}.",
                resourceKey, received, expected?.ToString(CultureInfo.InvariantCulture) ?? "an unknown number of", logId ?? "none"),
            resourceKey, received, expected, logId, inner);

    internal static FeishuDownloadException Overrun(string resourceKey, long received, long expected, string? logId)
        => new(string.Format(CultureInfo.InvariantCulture,
                "The download of '{0}' sent more than its declared {1} bytes. Log id: {2}.",
                resourceKey, expected, logId ?? "none"),
            resourceKey, received, expected, logId);
}
