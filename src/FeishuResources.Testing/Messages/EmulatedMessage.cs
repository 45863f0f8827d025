namespace FeishuResources.Testing.Messages;

/// <summary>
/// One seeded message: its type, its content (the JSON text the platform sends as a string), the merge-forward it
/// sits in, and — for a message of a chat — the chat and thread it belongs to.
/// </summary>
internal sealed record EmulatedMessage(string MessageId, string MessageType, string Content, string? UpperMessageId, long CreateTimeMilliseconds)
{
    public const string DefaultChatId = "oc_emulator_chat";

    public bool Deleted { get; set; }

    public string ChatId { get; init; } = DefaultChatId;

    public string? ThreadId { get; init; }
}
