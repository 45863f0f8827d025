using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace FeishuResources.Messages;

/// <summary>
/// One page of the list API's answer, <c>{"code":0,"data":{"has_more":…,"page_token":"…","items":[…]}}</c>, read
/// defensively: an item without an id is skipped, a field of an unexpected JSON kind is absent.
/// </summary>
internal sealed class MessageListPage
{
    private MessageListPage(List<FeishuMessage> messages, bool hasMore, string? pageToken)
    {
        Messages = messages;
        HasMore = hasMore;
        PageToken = pageToken;
    }

    public List<FeishuMessage> Messages { get; }

    public bool HasMore { get; }

    /// <summary>The cursor for the next page: <c>page_token</c>, or <c>next_page_token</c> as some answers name it.</summary>
    public string? PageToken { get; }

    /// <summary>The page, or null when the answer is not a message list.</summary>
    public static MessageListPage? TryRead(ReadOnlyMemory<byte> answer) => AnswerData.TryRead(answer, ReadData);

    private static MessageListPage ReadData(JsonElement data)
    {
        var messages = new List<FeishuMessage>();
        if (data.TryGetProperty("items", out JsonElement items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in items.EnumerateArray())
            {
                if (Read(item) is { } message)
                {
                    messages.Add(message);
                }
            }
        }

        bool hasMore = data.TryGetProperty("has_more", out JsonElement more) && more.ValueKind == JsonValueKind.True;
        string? token = ContentResources.GetString(data, "page_token") is { Length: > 0 } pageToken ? pageToken : ContentResources.GetString(data, "next_page_token");
        return new MessageListPage(messages, hasMore, string.IsNullOrEmpty(token) ? null : token);
    }

    private static FeishuMessage? Read(JsonElement item)
    {
        string? id = ContentResources.GetString(item, "message_id");
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        JsonElement sender = item.TryGetProperty("sender", out JsonElement s) ? s : default;
        string? content = item.TryGetProperty("body", out JsonElement body) ? ContentResources.GetString(body, "content") : null;
        return new FeishuMessage(
            id!,
            ContentResources.GetString(item, "msg_type") ?? string.Empty,
            Time(item, "create_time"),
            Time(item, "update_time"),
            ContentResources.GetString(item, "chat_id"),
            NonEmpty(item, "thread_id"),
            NonEmpty(item, "root_id"),
            NonEmpty(item, "parent_id"),
            ContentResources.GetString(sender, "id"),
            ContentResources.GetString(sender, "sender_type"),
            IsTrue(item, "deleted"),
            IsTrue(item, "updated"),
            content);
    }

    private static string? NonEmpty(JsonElement item, string property)
        => ContentResources.GetString(item, property) is { Length: > 0 } value ? value : null;

    private static bool IsTrue(JsonElement item, string property)
        => item.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.True;

    /// <summary>Epoch milliseconds, sent as a string (or, defensively, a number).</summary>
    private static DateTimeOffset? Time(JsonElement item, string property)
    {
        if (!item.TryGetProperty(property, out JsonElement value))
        {
            return null;
        }

        long milliseconds = 0;
        bool read = value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt64(out milliseconds)
            : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out milliseconds);

        // Before 1970 (as the string form, which takes no sign) or beyond year 9999, where DateTimeOffset throws, a value is
        // absent: not a time the platform sends, and not an exception from network input.
        return read && milliseconds is >= 0 and <= 253_402_300_799_999L ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
    }
}
