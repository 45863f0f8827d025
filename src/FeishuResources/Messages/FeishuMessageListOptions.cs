using System;

namespace FeishuResources;

/// <summary>Choices for listing the messages of a chat or a thread.</summary>
public sealed class FeishuMessageListOptions
{
    /// <summary>The largest page the platform serves (and the default): fewer pages, fewer permits of the list quota.</summary>
    public const int MaxPageSize = 50;

    /// <summary>
    /// Only messages created at or after this time; <see langword="null"/> for no lower bound. The platform compares whole
    /// seconds (the fraction is dropped). Chats only: the platform has no time range for threads.
    /// </summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>
    /// Only messages created at or before this time; <see langword="null"/> for no upper bound. Whole seconds, like
    /// <see cref="StartTime"/>. Chats only.
    /// </summary>
    public DateTimeOffset? EndTime { get; set; }

    /// <summary>Oldest first (the default) or newest first; one listing keeps its order for every page.</summary>
    public FeishuMessageSortOrder SortOrder { get; set; }

    /// <summary>Messages per request: between 1 and <see cref="MaxPageSize"/>, which is the default.</summary>
    public int PageSize { get; set; } = MaxPageSize;

    /// <summary>Per-call choices for every request (the tenant of a store app, an access token); <see langword="null"/> uses the defaults.</summary>
    public FeishuRequestOptions? RequestOptions { get; set; }
}
