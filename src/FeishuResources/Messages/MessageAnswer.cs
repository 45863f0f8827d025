using System;
using System.Collections.Generic;
using System.Text.Json;

namespace FeishuResources.Messages;

/// <summary>
/// Reads the get-message answer, <c>{"code":0,"data":{"items":[…]}}</c>. For a merge-forward the items are the
/// container followed by every forwarded message (nested ones linked by <c>upper_message_id</c>); their
/// resources are served only through the container's id, so that is the id each one is downloaded through.
/// </summary>
internal static class MessageAnswer
{
    private const string MergeForward = "merge_forward";

    /// <summary>The resources, or null when the answer is not a message list.</summary>
    public static IReadOnlyList<FeishuMessageResource>? TryReadResources(ReadOnlyMemory<byte> answer, string messageId)
        => AnswerData.TryRead<IReadOnlyList<FeishuMessageResource>>(answer, data =>
            data.TryGetProperty("items", out JsonElement items) && items.ValueKind == JsonValueKind.Array
                ? ReadItems(items, messageId)
                : Array.Empty<FeishuMessageResource>());

    private static List<FeishuMessageResource> ReadItems(JsonElement items, string messageId)
    {
        bool isForward = false;
        foreach (JsonElement item in items.EnumerateArray())
        {
            isForward |= IsContainer(item, messageId) && ContentResources.GetString(item, "msg_type") == MergeForward;
        }

        var resources = new List<FeishuMessageResource>();

        // A sub-item list has been seen to repeat the container or a nested forward: each message counts once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement item in items.EnumerateArray())
        {
            string? id = ContentResources.GetString(item, "message_id");
            if (id is null || !seen.Add(id) || (id == messageId) == isForward)
            {
                // The container of a forward holds only a placeholder; outside a forward, only the message itself counts.
                continue;
            }

            string? content = item.TryGetProperty("body", out JsonElement body) ? ContentResources.GetString(body, "content") : null;
            resources.AddRange(FeishuMessageContent.Parse(ContentResources.GetString(item, "msg_type"), content, id, isForward ? messageId : id));
        }

        return resources;
    }

    private static bool IsContainer(JsonElement item, string messageId)
        => ContentResources.GetString(item, "message_id") == messageId && string.IsNullOrEmpty(ContentResources.GetString(item, "upper_message_id"));
}
