namespace FeishuResources.Testing.Messages;

/// <summary>One seeded message: its type, its content (the JSON text the platform sends as a string), and the merge-forward it sits in.</summary>
internal sealed record EmulatedMessage(string MessageId, string MessageType, string Content, string? UpperMessageId, long CreateTimeMilliseconds)
{
    public bool Deleted { get; set; }
}
