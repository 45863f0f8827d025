using System;
using System.Collections.Generic;

namespace FeishuResources;

/// <summary>
/// One message of a chat or thread as the list API returns it: who sent it, when, where it sits (thread, reply),
/// its content and the resources that content refers to.
/// </summary>
public sealed class FeishuMessage
{
    internal FeishuMessage(string messageId, string messageType, DateTimeOffset? createdOn, DateTimeOffset? updatedOn, string? chatId, string? threadId, string? rootId, string? parentId, string? senderId, string? senderType, bool isDeleted, bool isUpdated, string? content)
    {
        MessageId = messageId;
        MessageType = messageType;
        CreatedOn = createdOn;
        UpdatedOn = updatedOn;
        ChatId = chatId;
        ThreadId = threadId;
        RootId = rootId;
        ParentId = parentId;
        SenderId = senderId;
        SenderType = senderType;
        IsDeleted = isDeleted;
        IsUpdated = isUpdated;
        Content = content;
        Resources = FeishuMessageContent.Parse(messageType, content, messageId);
    }

    /// <summary>The message id (<c>om_…</c>).</summary>
    public string MessageId { get; }

    /// <summary>The <c>msg_type</c>, for example <c>image</c>, <c>post</c> or <c>merge_forward</c>.</summary>
    public string MessageType { get; }

    /// <summary>When the message was sent; <see langword="null"/> when the platform did not say.</summary>
    public DateTimeOffset? CreatedOn { get; }

    /// <summary>When the message was last changed; <see langword="null"/> when the platform did not say.</summary>
    public DateTimeOffset? UpdatedOn { get; }

    /// <summary>The chat it belongs to (<c>oc_…</c>).</summary>
    public string? ChatId { get; }

    /// <summary>
    /// The thread (<c>omt_…</c>) it belongs to or roots; <see langword="null"/> outside threads. A chat's listing returns
    /// only a thread's first message: list the thread's own messages with this id.
    /// </summary>
    public string? ThreadId { get; }

    /// <summary>The first message of the reply chain this one answers; <see langword="null"/> when it answers none.</summary>
    public string? RootId { get; }

    /// <summary>The message this one answers directly; <see langword="null"/> when it answers none.</summary>
    public string? ParentId { get; }

    /// <summary>The sender's id (an <c>open_id</c>, or an <c>app_id</c> when an app sent it).</summary>
    public string? SenderId { get; }

    /// <summary>The sender's kind: <c>user</c>, <c>app</c>, <c>anonymous</c> or <c>unknown</c>.</summary>
    public string? SenderType { get; }

    /// <summary>Whether the message was recalled or deleted.</summary>
    public bool IsDeleted { get; }

    /// <summary>Whether the message was edited.</summary>
    public bool IsUpdated { get; }

    /// <summary>The content as sent: a string holding JSON whose shape depends on <see cref="MessageType"/>.</summary>
    public string? Content { get; }

    /// <summary>
    /// The resources the content refers to, as <see cref="FeishuMessageContent.Parse(string, string, string)"/> finds them, each
    /// to be downloaded through this message. A merge-forward lists only a placeholder: read its forwarded messages'
    /// resources with <see cref="IFeishuResourceClient.GetMessageResourcesAsync(string, System.Threading.CancellationToken)"/>.
    /// </summary>
    public IReadOnlyList<FeishuMessageResource> Resources { get; }

    /// <inheritdoc />
    public override string ToString() => MessageType + " " + MessageId;
}
