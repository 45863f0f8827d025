namespace FeishuResources;

/// <summary>Choices for downloading every resource of a message at once.</summary>
public sealed class FeishuMessageDownloadOptions
{
    /// <summary>The most resources downloaded at the same time: between 1 and 50 (the per-second quota); defaults to 4.
    /// Every request still waits for the client's rate limiter.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// Whether the cover pictures of videos (<see cref="FeishuMessageResourceKind.VideoCover"/>) are downloaded too;
    /// defaults to <see langword="false"/>: no official tool fetches them and no source shows the platform serving them.
    /// </summary>
    public bool IncludeVideoCovers { get; set; }

    /// <summary>
    /// Whether a file already in the folder under the chosen name is replaced; defaults to <see langword="false"/>:
    /// <c>name (1).ext</c>, <c>name (2).ext</c>, … is chosen instead.
    /// </summary>
    public bool OverwriteExisting { get; set; }

    /// <summary>Per-call choices for every request (the tenant of a store app, an access token); <see langword="null"/> uses the defaults.</summary>
    public FeishuRequestOptions? RequestOptions { get; set; }
}
