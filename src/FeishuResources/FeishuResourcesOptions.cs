using System;
using System.ComponentModel.DataAnnotations;
using FeishuResources.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeishuResources;

/// <summary>
/// Settings of the Feishu resource client, usually bound from the <c>Feishu</c> configuration section.
/// </summary>
public sealed class FeishuResourcesOptions
{
    /// <summary>The app id (<c>cli_…</c>) from the developer console. Required.</summary>
    [Required(ErrorMessage = "{0} is required: set Feishu:AppId to the app id (cli_…) from the developer console.")]
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
    /// How long before a token's expiry a fresh one is fetched: between 0 and 1 hour; defaults to
    /// 5 minutes and is capped at half of the token's lifetime.
    /// </summary>
    [TimeSpanRange("00:00:00", "01:00:00", ErrorMessage = "{0} must be between 0 and 1 hour.")]
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The client-side rate limit per app and API (50/s and 1000/min by default).</summary>
    [Required(ErrorMessage = "{0} must not be null; set RateLimit.Enabled = false to turn the limiter off.")]
    [ValidateObjectMembers]
    public FeishuRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Retries of 429s and transient failures before the body is handed out.</summary>
    [Required(ErrorMessage = "{0} must not be null; set MaxRetryAttempts = 0 to turn retries off.")]
    [ValidateObjectMembers]
    public FeishuRetryOptions Retry { get; set; } = new();

    /// <summary>Timeouts to response headers, for the whole request phase, and for a stalled body.</summary>
    [Required(ErrorMessage = "{0} must not be null.")]
    [ValidateObjectMembers]
    public FeishuTimeoutOptions Timeouts { get; set; } = new();

    /// <summary>
    /// Set by <c>UseTokenProvider</c>: tokens come from the user's provider, so no secret is needed.
    /// </summary>
    internal bool UsesExternalTokenProvider { get; set; }

    /// <summary>
    /// The most bytes one download may bring; a download declaring more fails before its body is read,
    /// and one growing past it (a body without a declared length) is aborted. Between 1 byte and 1 TiB;
    /// defaults to 2 GiB.
    /// </summary>
    // RangeAttribute has no long bounds; doubles hold these two exactly.
    [Range(1d, 1099511627776d)]
    public long MaxDownloadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Whether a resource the platform refuses whole because it is over 100 MB (code 234037) is fetched
    /// in sequential <c>Range</c> requests of <see cref="RangeChunkSize"/> bytes and handed out as one
    /// stream. Defaults to <see langword="true"/>.
    /// </summary>
    public bool EnableRangedLargeDownloads { get; set; } = true;

    /// <summary>
    /// The size of the first <c>Range</c> request of a download and of each chunk of a resource over 100 MB,
    /// and the least a range of a parallel save carries: between 64 KiB and 64 MiB; defaults to 8 MiB, as the
    /// platform's own CLI uses. A save fetches a resource larger than this in parallel ranges (see
    /// <see cref="ParallelChunks"/>). Each request counts against the API's rate limit.
    /// </summary>
    [Range(64 * 1024, 64 * 1024 * 1024)]
    public int RangeChunkSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// How many times in a row a download whose connection dropped is continued with a <c>Range</c>
    /// request before the failure surfaces; an attempt that brings new bytes resets the count.
    /// 0 turns resuming off. Between 0 and 100; defaults to 3.
    /// </summary>
    [Range(0, 100)]
    public int MaxResumeAttempts { get; set; } = 3;

    /// <summary>
    /// How many <c>Range</c> requests <c>SaveToFileAsync</c> and <c>SaveToDirectoryAsync</c> keep in flight for
    /// a resource larger than <see cref="RangeChunkSize"/> (on .NET 8 and later; netstandard2.0 saves with one
    /// stream). Above 1, every download starts with a request for its first <see cref="RangeChunkSize"/> bytes,
    /// which tells the total; a save then splits the resource into at most this many ranges of at least
    /// <see cref="RangeChunkSize"/> bytes, fetched at once, so it costs at most one request more than it has
    /// ranges (resources over 100 MB: one per chunk). Reading <see cref="FeishuDownload.Content"/> or copying
    /// stays sequential. Each request counts against the rate limit. 1 turns it off: one request, one stream, as
    /// before. Between 1 and 16; defaults to 8.
    /// </summary>
    [Range(1, 16)]
    public int ParallelChunks { get; set; } = 8;

    /// <summary>
    /// Whether <c>SaveToDirectoryAsync</c> replaces a file of the same name. Defaults to
    /// <see langword="false"/>: a free name such as <c>report (1).pdf</c> is chosen instead.
    /// </summary>
    public bool OverwriteExisting { get; set; }
}
