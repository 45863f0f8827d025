using System;
using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using FeishuResources.DependencyInjection;

namespace FeishuResources;

/// <summary>
/// The client-side rate limit. The platform allows each app 50 requests per second AND 1000 per minute
/// on each download API; by default the SDK never lets more start in any 1-second or 60-second
/// interval, so callers wait briefly instead of meeting 429.
/// </summary>
public sealed class FeishuRateLimitOptions
{
    /// <summary>Whether downloads wait for the client-side limiter; defaults to <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most requests that may start in any 1-second interval, per app and API: between 1 and 1,000,000; defaults to 50.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Most requests that may start in any 60-second interval, per app and API: between 1 and 60,000,000; defaults to 1000.</summary>
    [Range(1, 60_000_000)]
    public int PermitsPerMinute { get; set; } = 1000;

    /// <summary>
    /// Extra spacing added to each window, for servers whose clocks or window edges differ slightly
    /// from the client's: at least 0 and under 1 second; defaults to 50 ms.
    /// </summary>
    // "Under 1 second" is the last tick below it: TimeSpanRange includes both bounds.
    [TimeSpanRange("00:00:00", "00:00:00.9999999", ErrorMessage = "{0} must be at least 0 and under 1 second.")]
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Creates your own limiter for an (app, API) quota instead of the built-in one — for example one
    /// backed by a shared store when several replicas share one app's quota. It is called once per
    /// quota and process; each request takes one permit, and a lease that is not acquired fails the
    /// request with <see cref="FeishuRateLimitedException"/>.
    /// </summary>
    public Func<FeishuRateLimitPartition, RateLimiter>? LimiterFactory { get; set; }
}
