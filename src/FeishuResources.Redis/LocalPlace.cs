namespace FeishuResources.Redis;

/// <summary>One place granted by the local share: its member name (unique across replicas) and when its answer arrived.</summary>
internal sealed class LocalPlace
{
    public LocalPlace(string member)
    {
        Member = member;
    }

    public string Member { get; }

    /// <summary>The local timestamp its response headers arrived at; null while in flight.</summary>
    public long? AnchoredAt { get; set; }
}
