using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using FeishuResources.Testing.Hosting;
using FeishuResources.Testing.Responses;
using Microsoft.AspNetCore.Http;

namespace FeishuResources.Testing.Messages;

/// <summary>
/// Serves <c>GET /open-apis/im/v1/messages/{message_id}</c> once the gate has let the request through: the
/// message as <c>data.items</c> (a merge-forward followed by its sub-messages, each with <c>upper_message_id</c>),
/// <c>body.content</c> a JSON string inside the JSON; 230110 for a deleted message, 230001 for an unknown id.
/// </summary>
internal sealed class MessageEndpoint
{
    private readonly MessageStore _store;

    public MessageEndpoint(MessageStore store) => _store = store;

    public Task ServeAsync(HttpContext context, RequestTarget target)
    {
        List<EmulatedMessage>? items = _store.Items(target.MessageId!);
        if (items is null)
        {
            return PlatformResponseWriter.WriteErrorAsync(context, PlatformErrors.InvalidRequestParameterOfMessages);
        }

        if (items[0].Deleted)
        {
            return PlatformResponseWriter.WriteErrorAsync(context, PlatformErrors.MessageDeleted);
        }

        return PlatformResponseWriter.WriteOkAsync(context, writer =>
        {
            writer.WriteStartObject("data");
            writer.WriteStartArray("items");
            foreach (EmulatedMessage item in items)
            {
                WriteItem(writer, item);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>One item as the get and list APIs write it.</summary>
    public static void WriteItem(Utf8JsonWriter writer, EmulatedMessage message)
    {
        string time = message.CreateTimeMilliseconds.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartObject();
        writer.WriteString("message_id", message.MessageId);
        writer.WriteString("msg_type", message.MessageType);
        writer.WriteString("create_time", time);
        writer.WriteString("update_time", time);
        writer.WriteBoolean("deleted", message.Deleted);
        writer.WriteBoolean("updated", false);
        writer.WriteString("chat_id", message.ChatId);
        if (message.ThreadId is not null)
        {
            writer.WriteString("thread_id", message.ThreadId);
        }

        writer.WriteStartObject("sender");
        writer.WriteString("id", "ou_emulator_user");
        writer.WriteString("id_type", "open_id");
        writer.WriteString("sender_type", "user");
        writer.WriteEndObject();
        writer.WriteStartObject("body");
        writer.WriteString("content", message.Content);
        writer.WriteEndObject();
        if (message.UpperMessageId is not null)
        {
            writer.WriteString("upper_message_id", message.UpperMessageId);
        }

        writer.WriteEndObject();
    }
}
