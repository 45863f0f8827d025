using System;

namespace FeishuResources;

/// <summary>
/// Settings of the Feishu resource client, usually bound from the <c>Feishu</c> configuration section.
/// </summary>
public sealed class FeishuResourcesOptions
{
    /// <summary>The app id (<c>cli_…</c>) from the developer console. Required.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>
    /// The app secret from the developer console. Required unless tokens come from a provider
    /// registered with <c>UseTokenProvider</c>. Never logged.
    /// </summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>
    /// The platform's base address; defaults to <see cref="FeishuDomains.Feishu"/>. A trailing slash is
    /// optional, and a path prefix (a gateway such as <c>https://gw.example.com/feishu/</c>) is kept.
    /// </summary>
    public Uri BaseAddress { get; set; } = FeishuDomains.Feishu;

    /// <summary>How tenant access tokens are obtained; defaults to <see cref="FeishuAppType.SelfBuilt"/>.</summary>
    public FeishuAppType AppType { get; set; } = FeishuAppType.SelfBuilt;

    /// <summary>
    /// How long before a token's expiry a fresh one is fetched; defaults to 5 minutes and is capped
    /// at half of the token's lifetime.
    /// </summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The client-side rate limit per app and API (50/s and 1000/min by default).</summary>
    public FeishuRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Retries of 429s and transient failures before the body is handed out.</summary>
    public FeishuRetryOptions Retry { get; set; } = new();

    /// <summary>Timeouts to response headers, for the whole request phase, and for a stalled body.</summary>
    public FeishuTimeoutOptions Timeouts { get; set; } = new();

    /// <summary>
    /// Set by <c>UseTokenProvider</c>: tokens come from the user's provider, so no secret is needed.
    /// </summary>
    internal bool UsesExternalTokenProvider { get; set; }
}
