using System;

namespace FeishuResources;

/// <summary>
/// One resource a message refers to: its key, the <see cref="FeishuResourceType"/> the download API needs,
/// what it is, and the file name and duration its content carries.
/// </summary>
public sealed class FeishuMessageResource
{
    internal FeishuMessageResource(string key, FeishuMessageResourceKind kind, FeishuResourceType? type, string? fileName, TimeSpan? duration, string messageType, string? messageId, string? downloadMessageId)
    {
        Key = key;
        Kind = kind;
        Type = type;
        FileName = fileName;
        Duration = duration;
        MessageType = messageType;
        MessageId = messageId;
        DownloadMessageId = downloadMessageId;
    }

    /// <summary>The resource key from the content (<c>image_key</c> or <c>file_key</c>); opaque.</summary>
    public string Key { get; }

    /// <summary>What the resource is.</summary>
    public FeishuMessageResourceKind Kind { get; }

    /// <summary>
    /// The <c>type</c> to pass to <see cref="IFeishuResourceClient.DownloadMessageResourceAsync(string, string, FeishuResourceType, System.Threading.CancellationToken)"/>:
    /// <see cref="FeishuResourceType.Image"/> for images and covers, <see cref="FeishuResourceType.File"/> for files, audio and
    /// video; <see langword="null"/> for a sticker, which the platform does not serve.
    /// </summary>
    public FeishuResourceType? Type { get; }

    /// <summary>Whether the download API serves it at all (every kind but <see cref="FeishuMessageResourceKind.Sticker"/>).</summary>
    public bool IsDownloadable => Type.HasValue;

    /// <summary>
    /// The file name the content carries (<c>file_name</c> of files and videos), as sent: clean UTF-8, unlike the
    /// download's <c>Content-Disposition</c>, but untrusted — sanitize it before using it as a path.
    /// </summary>
    public string? FileName { get; }

    /// <summary>The length of an audio or video, when the content states it.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>The <c>msg_type</c> of the message whose content holds the key, for example <c>post</c>.</summary>
    public string MessageType { get; }

    /// <summary>
    /// The id of the message whose content holds the key (inside a merge-forward, the sub-message's id);
    /// <see langword="null"/> when the content was parsed without one.
    /// </summary>
    public string? MessageId { get; }

    /// <summary>
    /// The message id to download the resource through: the message itself, or for a sub-message of a
    /// merge-forward the forwarded (container) message, which is the only id the platform has been seen to
    /// serve such resources through. <see langword="null"/> when the content was parsed without an id.
    /// </summary>
    public string? DownloadMessageId { get; }

    /// <inheritdoc />
    public override string ToString() => Kind + " " + Key + (FileName is null ? string.Empty : " (" + FileName + ")");
}
