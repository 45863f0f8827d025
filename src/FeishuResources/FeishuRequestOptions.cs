namespace FeishuResources;

/// <summary>
/// Per-call choices for a download.
/// </summary>
public sealed class FeishuRequestOptions
{
    /// <summary>
    /// The tenant to act for. Required for <see cref="FeishuAppType.Store"/> apps, which serve many
    /// tenants from one registration; ignored by self-built apps.
    /// </summary>
    public string? TenantKey { get; set; }

    /// <summary>
    /// An access token to send instead of the one the SDK manages, for example a
    /// <c>user_access_token</c>. The SDK cannot refresh a token it did not issue, so a rejected
    /// override surfaces as <see cref="FeishuAuthenticationException"/>. It goes into the <c>Authorization</c>
    /// header, so it must be visible ASCII (no spaces or line breaks); anything else is refused before any request.
    /// </summary>
    public string? AccessToken { get; set; }
}
