using System;

namespace FeishuResources.Testing;

/// <summary>One resource <see cref="FeishuEmulator.SeedChat"/> put in a chat: where it is and the bytes it holds, to check a backup against.</summary>
public sealed class FeishuEmulatorChatResource
{
    internal FeishuEmulatorChatResource(string messageId, string key, FeishuResourceType type, string? fileName, FeishuEmulatorContent content, DateTimeOffset createdOn)
    {
        MessageId = messageId;
        Key = key;
        Type = type;
        FileName = fileName;
        Content = content;
        CreatedOn = createdOn;
    }

    /// <summary>The chat's message it is downloaded through (for a merge-forwarded image, the forward).</summary>
    public string MessageId { get; }

    /// <summary>The resource key.</summary>
    public string Key { get; }

    /// <summary>The type to download it with.</summary>
    public FeishuResourceType Type { get; }

    /// <summary>The <c>file_name</c> its message's content gives; <see langword="null"/> for images and audio.</summary>
    public string? FileName { get; }

    /// <summary>The bytes served.</summary>
    public FeishuEmulatorContent Content { get; }

    /// <summary>When its message was sent.</summary>
    public DateTimeOffset CreatedOn { get; }
}
