namespace FeishuResources;

/// <summary>The order a listing returns messages in, by their creation time.</summary>
public enum FeishuMessageSortOrder
{
    /// <summary>Oldest first (<c>ByCreateTimeAsc</c>, the platform's default).</summary>
    Ascending,

    /// <summary>Newest first (<c>ByCreateTimeDesc</c>).</summary>
    Descending,
}
