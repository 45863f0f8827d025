using System;
using System.Collections.Generic;
using System.Text.Json;
using FeishuResources.Messages;

namespace FeishuResources;

/// <summary>
/// Reads the resources a message refers to from its <c>msg_type</c> and <c>content</c>, without a network
/// call: for bots that hold an <c>im.message.receive_v1</c> event (<c>message.message_type</c>,
/// <c>message.content</c>) or a message from any API (<c>msg_type</c>, <c>body.content</c>).
/// </summary>
public static class FeishuMessageContent
{
    /// <summary>
    /// The resources in one message's content: images, files, audio, video and their covers, the images and
    /// videos inside a rich-text post (locale-wrapped or not), and stickers (reported, but not downloadable).
    /// </summary>
    /// <param name="messageType">The <c>msg_type</c> (<c>message_type</c> in events), for example <c>image</c> or <c>post</c>.</param>
    /// <param name="content">The content as received: a string holding JSON.</param>
    /// <param name="messageId">The message's id, copied into each resource so it can be downloaded; may be <see langword="null"/>.</param>
    /// <returns>The resources in the order the content lists them; empty for a type without resources, an
    /// unknown type, or content that is not what the type promises. Never throws on the content: it comes from the network.</returns>
    public static IReadOnlyList<FeishuMessageResource> Parse(string? messageType, string? content, string? messageId = null)
        => Parse(messageType, content, messageId, messageId);

    /// <summary>As <see cref="Parse(string?, string?, string?)"/>, with the id to download through given apart (a merge-forward's sub-messages).</summary>
    internal static IReadOnlyList<FeishuMessageResource> Parse(string? messageType, string? content, string? messageId, string? downloadMessageId)
    {
        if (string.IsNullOrEmpty(messageType) || string.IsNullOrWhiteSpace(content))
        {
            return Array.Empty<FeishuMessageResource>();
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(content!);
            var found = new ContentResources(messageType!, messageId, downloadMessageId);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                Read(messageType!, document.RootElement, found);
            }

            return found.Resources;
        }
        catch (JsonException)
        {
            return Array.Empty<FeishuMessageResource>();
        }
    }

    private static void Read(string messageType, JsonElement content, ContentResources found)
    {
        switch (messageType)
        {
            case "image":
                found.Add(content, "image_key", FeishuMessageResourceKind.Image, FeishuResourceType.Image);
                break;
            case "file":
                found.Add(content, "file_key", FeishuMessageResourceKind.File, FeishuResourceType.File);
                break;
            case "audio":
                found.Add(content, "file_key", FeishuMessageResourceKind.Audio, FeishuResourceType.File);
                break;
            case "media":
            case "video":
                found.Add(content, "file_key", FeishuMessageResourceKind.Video, FeishuResourceType.File);
                found.Add(content, "image_key", FeishuMessageResourceKind.VideoCover, FeishuResourceType.Image);
                break;
            case "sticker":
                found.Add(content, "file_key", FeishuMessageResourceKind.Sticker, null);
                break;
            case "post":
                PostContent.Read(content, found);
                break;
        }
    }
}
