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
        Summary = message;
    }

    /// <summary>The file key of the download.</summary>
    public string ResourceKey { get; }

    /// <summary>How many bytes arrived before the failure.</summary>
    public long BytesReceived { get; }

    /// <summary>How many bytes the headers announced, when they did.</summary>
    public long? BytesExpected { get; }

    /// <summary>The <c>X-Tt-Logid</c> of the response.</summary>
    public string? LogId { get; }

    /// <summary>
    /// What went wrong, without the log id that <see cref="Exception.Message"/> ends with: for callers that
    /// show <see cref="LogId"/> on its own, so that it is not said twice. For an exception created through the
    /// constructor, the message it was given.
    /// </summary>
    public string Summary { get; private set; }

    internal static FeishuDownloadException Truncated(string resourceKey, long received, long? expected, string? logId, Exception? inner)
        => Create(string.Format(CultureInfo.InvariantCulture,
                "The download of '{0}' ended after {1} of {2} bytes.",
                resourceKey, received, expected?.ToString(CultureInfo.InvariantCulture) ?? "an unknown number of"),
            resourceKey, received, expected, logId, inner);

    internal static FeishuDownloadException Overrun(string resourceKey, long received, long expected, string? logId)
        => Create(string.Format(CultureInfo.InvariantCulture,
                "The download of '{0}' sent more than its declared {1} bytes.",
                resourceKey, expected),
            resourceKey, received, expected, logId);

    /// <summary>Set when a resume request was answered with the whole body: a save may start over with it.</summary>
    internal bool RangeIgnored { get; private set; }

    internal static FeishuDownloadException RangeWasIgnored(string resourceKey, long received, long? expected, string? logId)
        => Create(string.Format(CultureInfo.InvariantCulture,
                "The connection of the download of '{0}' dropped after {1} bytes and the server ignored the Range request to continue (it answered 200).",
                resourceKey, received),
            resourceKey, received, expected, logId, rangeIgnored: true);

    internal static FeishuDownloadException RangeMismatch(string resourceKey, long received, long? expected, string? logId, string problem)
        => Create(string.Format(CultureInfo.InvariantCulture,
                "A ranged part of the download of '{0}' disagreed with what was asked for: {1}.",
                resourceKey, problem),
            resourceKey, received, expected, logId);

    internal static FeishuDownloadException PartFailed(string resourceKey, long received, long? expected, string? logId, Exception inner)
        => Create(string.Format(CultureInfo.InvariantCulture,
                "The download of '{0}' stopped after {1} of {2} bytes: the request for the rest failed ({3}).",
                resourceKey, received, expected?.ToString(CultureInfo.InvariantCulture) ?? "an unknown number of", inner.GetType().Name),
            resourceKey, received, expected, logId, inner);

    internal static FeishuDownloadException LimitExceeded(string resourceKey, long received, long? expected, long limit, string? logId)
        => Create(string.Format(CultureInfo.InvariantCulture,
                "The download of '{0}' is larger than MaxDownloadBytes ({1} bytes); raise FeishuResourcesOptions.MaxDownloadBytes to allow it.",
                resourceKey, limit),
            resourceKey, received, expected, logId);

    /// <summary>An exception whose message is <paramref name="summary"/> followed by the log id support asks for.</summary>
    private static FeishuDownloadException Create(string summary, string resourceKey, long received, long? expected, string? logId, Exception? inner = null, bool rangeIgnored = false)
        => new(summary + " Log id: " + (logId ?? "none") + ".", resourceKey, received, expected, logId, inner)
        {
            Summary = summary,
            RangeIgnored = rangeIgnored,
        };
}
