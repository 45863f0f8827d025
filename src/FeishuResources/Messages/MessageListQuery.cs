using System;
using System.Globalization;
using System.Text;

namespace FeishuResources.Messages;

/// <summary>The query of the list API for one container and its options; the page token is appended per page.</summary>
internal static class MessageListQuery
{
    public const string Chat = "chat";
    public const string Thread = "thread";

    /// <exception cref="ArgumentException">The options are out of range, or a time range was asked of a thread (named <c>options</c>).</exception>
    public static string Create(string containerType, string containerId, FeishuMessageListOptions options)
    {
        if (options.PageSize is < 1 or > FeishuMessageListOptions.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "PageSize must be between 1 and " + FeishuMessageListOptions.MaxPageSize + ".");
        }

        if (options.SortOrder is not (FeishuMessageSortOrder.Ascending or FeishuMessageSortOrder.Descending))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SortOrder, "SortOrder is not a defined value.");
        }

        if (containerType == Thread && (options.StartTime.HasValue || options.EndTime.HasValue))
        {
            throw new ArgumentException("The platform lists a thread without a time range: leave StartTime and EndTime unset.", nameof(options));
        }

        if (options.StartTime > options.EndTime)
        {
            throw new ArgumentException("StartTime is after EndTime.", nameof(options));
        }

        var query = new StringBuilder()
            .Append("container_id_type=").Append(containerType)
            .Append("&container_id=").Append(Uri.EscapeDataString(containerId))
            .Append("&sort_type=").Append(options.SortOrder == FeishuMessageSortOrder.Descending ? "ByCreateTimeDesc" : "ByCreateTimeAsc")
            .Append("&page_size=").Append(options.PageSize.ToString(CultureInfo.InvariantCulture));
        AppendSeconds(query, "&start_time=", options.StartTime);
        AppendSeconds(query, "&end_time=", options.EndTime);
        return query.ToString();
    }

    public static string WithPageToken(string query, string? pageToken)
        => pageToken is null ? query : query + "&page_token=" + Uri.EscapeDataString(pageToken);

    private static void AppendSeconds(StringBuilder query, string name, DateTimeOffset? time)
    {
        if (time is DateTimeOffset value)
        {
            query.Append(name).Append(Math.Max(0, value.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture));
        }
    }
}
