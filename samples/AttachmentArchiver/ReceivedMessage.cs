namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>The parts of an <c>im.message.receive_v1</c> push the archiver needs.</summary>
/// <param name="MessageId">The message id (<c>om_…</c>), by which its resources are downloaded.</param>
/// <param name="MessageType">The event's <c>message_type</c> (<c>image</c>, <c>file</c>, <c>post</c>, …).</param>
/// <param name="Content">The <c>content</c> JSON string as the platform sent it (JSON inside JSON), unparsed.</param>
/// <param name="ChatId">The chat the message was sent in (<c>oc_…</c>), when the push names it.</param>
/// <param name="CreateTime">When the message was sent, when the push carries a valid <c>create_time</c> (epoch milliseconds).</param>
public sealed record ReceivedMessage(string MessageId, string MessageType, string Content, string? ChatId, DateTimeOffset? CreateTime);
