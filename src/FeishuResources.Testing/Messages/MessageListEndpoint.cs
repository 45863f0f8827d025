using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using FeishuResources.Testing.Responses;
using Microsoft.AspNetCore.Http;

namespace FeishuResources.Testing.Messages;

/// <summary>
/// Serves <c>GET /open-apis/im/v1/messages</c> once the gate has let the request through, after the list API's
/// documentation: <c>container_id_type</c> <c>chat</c> or <c>thread</c>, <c>start_time</c>/<c>end_time</c> in epoch
/// seconds (chats only, both inclusive), <c>sort_type</c>, <c>page_size</c> 1–50 (default 20), <c>page_token</c> while
/// <c>has_more</c>. 230001 for a bad parameter, an unknown thread or a token of another order; 230002 for an unknown chat
/// (the bot is not in it).
/// </summary>
internal sealed class MessageListEndpoint
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 50;

    private readonly ChatStore _chats;

    public MessageListEndpoint(ChatStore chats) => _chats = chats;

    public Task ServeAsync(HttpContext context)
    {
        IQueryCollection query = context.Request.Query;
        string type = query["container_id_type"].ToString();
        string containerId = query["container_id"].ToString();
        string sort = query["sort_type"].ToString();
        bool isThread = type == "thread";
        bool descending = sort == "ByCreateTimeDesc";
        if (type is not ("chat" or "thread") || containerId.Length == 0 || sort is not ("" or "ByCreateTimeAsc" or "ByCreateTimeDesc")
            || !TryReadPageSize(query, out int pageSize)
            || !TryReadSeconds(query, "start_time", isThread, out long? start) || !TryReadSeconds(query, "end_time", isThread, out long? end)
            || !TryReadCursor(query, descending, out PageCursor? cursor))
        {
            return PlatformResponseWriter.WriteErrorAsync(context, PlatformErrors.InvalidRequestParameterOfMessages);
        }

        List<ListedMessage>? messages = _chats.Snapshot(isThread, containerId);
        if (messages is null)
        {
            return PlatformResponseWriter.WriteErrorAsync(context, isThread ? PlatformErrors.InvalidRequestParameterOfMessages : PlatformErrors.BotNotInChat);
        }

        if (descending)
        {
            messages.Reverse();
        }

        List<ListedMessage> page = Select(messages, start, end, cursor, pageSize + 1);
        bool hasMore = page.Count > pageSize;
        if (hasMore)
        {
            page.RemoveAt(pageSize);
        }

        return PlatformResponseWriter.WriteOkAsync(context, writer =>
        {
            writer.WriteStartObject("data");
            writer.WriteBoolean("has_more", hasMore);
            if (hasMore)
            {
                writer.WriteString("page_token", PageCursor.After(page[^1], descending).ToString());
            }

            writer.WriteStartArray("items");
            foreach (ListedMessage message in page)
            {
                MessageEndpoint.WriteItem(writer, message.Message);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static List<ListedMessage> Select(List<ListedMessage> ordered, long? start, long? end, PageCursor? cursor, int count)
    {
        var page = new List<ListedMessage>(count);
        foreach (ListedMessage message in ordered)
        {
            long seconds = message.Message.CreateTimeMilliseconds / 1000;
            if ((start is null || seconds >= start) && (end is null || seconds <= end) && (cursor is null || cursor.Value.IsBefore(message)))
            {
                page.Add(message);
                if (page.Count == count)
                {
                    break;
                }
            }
        }

        return page;
    }

    private static bool TryReadPageSize(IQueryCollection query, out int pageSize)
    {
        string text = query["page_size"].ToString();
        pageSize = DefaultPageSize;
        return text.Length == 0
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) && pageSize is >= 1 and <= MaxPageSize);
    }

    /// <summary>A time bound in epoch seconds; a thread has none.</summary>
    private static bool TryReadSeconds(IQueryCollection query, string name, bool isThread, out long? seconds)
    {
        string text = query[name].ToString();
        seconds = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (isThread || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            return false;
        }

        seconds = value;
        return true;
    }

    /// <summary>The token of the previous page; one of another sort order is refused (the platform does not support changing it midway).</summary>
    private static bool TryReadCursor(IQueryCollection query, bool descending, out PageCursor? cursor)
    {
        string token = query["page_token"].ToString();
        cursor = null;
        if (token.Length == 0)
        {
            return true;
        }

        if (!PageCursor.TryParse(token, out PageCursor parsed) || parsed.Descending != descending)
        {
            return false;
        }

        cursor = parsed;
        return true;
    }
}
