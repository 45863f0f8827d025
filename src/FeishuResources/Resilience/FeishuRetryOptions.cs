using System;
using System.ComponentModel.DataAnnotations;
using FeishuResources.DependencyInjection;

namespace FeishuResources;

/// <summary>
/// Retries of failures that happen before a download's body is handed to the caller.
/// </summary>
public sealed class FeishuRetryOptions
{
    /// <summary>
    /// Retries of transient failures — connection errors, timeouts to headers, 5xx and 408 without a
    /// code or with one the SDK does not know, 234019: between 0 and 100; defaults to 3.
    /// Business errors (234037, 234008, …) are never retried.
    /// </summary>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff delay, doubled each retry with jitter: between 1 ms and 1 day; defaults to 500 ms.</summary>
    [TimeSpanRange("00:00:00.001", "1.00:00:00", ErrorMessage = "{0} must be between 1 ms and 1 day.")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff delay: between <see cref="BaseDelay"/> and 1 day; defaults to 30 s.</summary>
    // The lower bound, BaseDelay, is checked by FeishuResourcesOptionsValidator.
    [TimeSpanRange("00:00:00", "1.00:00:00", ErrorMessage = "{0} must be between Retry.BaseDelay and 1 day.")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries after the platform's frequency limit (HTTP 429 or code 99991400), each after the wait the
    /// platform asked for: between 0 and 100; defaults to 5. When exhausted, or when the wait would not fit in
    /// what is left of <see cref="FeishuTimeoutOptions.TotalTimeout"/>, <see cref="FeishuRateLimitedException"/> is thrown.
    /// </summary>
    [Range(0, 100)]
    public int MaxRateLimitRetryAttempts { get; set; } = 5;

    /// <summary>
    /// The first wait after a 429 that names none (no <c>x-ogw-ratelimit-reset</c> or <c>Retry-After</c>,
    /// or a wait of zero), doubled with jitter for each further one: between 1 ms and 1 day; defaults to 1 s.
    /// </summary>
    [TimeSpanRange("00:00:00.001", "1.00:00:00", ErrorMessage = "{0} must be between 1 ms and 1 day.")]
    public TimeSpan DefaultRateLimitDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest one 429 holds back the other callers of the same quota; defaults to 1 s, the longest
    /// wait of the platform's per-second window. The caller that got the 429 still waits all the time
    /// the platform named, when that fits its <see cref="FeishuTimeoutOptions.TotalTimeout"/>; the
    /// others, held back no longer than this, each learn their own wait from the platform, so one long
    /// wait never stalls callers whose budget is shorter. Between 0 and 1 hour.
    /// </summary>
    [TimeSpanRange("00:00:00", "01:00:00", ErrorMessage = "{0} must be between 0 and 1 hour.")]
    public TimeSpan MaxQuotaPause { get; set; } = TimeSpan.FromSeconds(1);
}
