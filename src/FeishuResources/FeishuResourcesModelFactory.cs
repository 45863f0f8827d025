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
        // Stryker disable once Boolean : equivalent — a first part's IsWhole is only read by StartsWithRange, which is false for a body without a requester.
        var first = new BodyPart(null, content, isWhole: true, contentLength, contentLength, logId);
        var body = new ResumableBodyStream(null, first, new BodyRules(resourceKey, MaxBytes: null, MaxResumeAttempts: 0, ChunkSize: null, Telemetry: null), start: 0, contentLength, contentLength);
        return new FeishuDownload(body, resourceKey, contentType, fileName, contentLength, logId, TimeProvider.System, TransferSettings.Default);
    }

    /// <summary>Creates a listed message, for a fake <see cref="IFeishuResourceClient.ListChatMessagesAsync"/>; its resources are parsed from <paramref name="content"/>.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="messageType">The <c>msg_type</c>, for example <c>image</c>.</param>
    /// <param name="content">The content JSON, for example <c>{"image_key":"img_v3_…"}</c>.</param>
    /// <param name="createdOn">When it was sent.</param>
    /// <param name="chatId">The chat id.</param>
    /// <param name="threadId">The thread it belongs to or roots.</param>
    /// <param name="senderId">The sender's id.</param>
    /// <returns>The message.</returns>
    public static FeishuMessage Message(string messageId, string messageType = "text", string? content = null, DateTimeOffset? createdOn = null, string? chatId = null, string? threadId = null, string? senderId = null)
    {
        Internal.Guard.NotNullOrWhiteSpace(messageId, nameof(messageId));
        return new FeishuMessage(messageId, messageType ?? string.Empty, createdOn, createdOn, chatId, threadId, null, null, senderId, senderId is null ? null : "user", false, false, content);
    }
}
