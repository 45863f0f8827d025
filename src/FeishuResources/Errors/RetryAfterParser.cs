using System;
using System.Globalization;

namespace FeishuResources.Errors;

/// <summary>
/// Reads how long the platform asked a client to wait: <c>x-ogw-ratelimit-reset</c> (seconds, possibly
/// fractional) first, then <c>Retry-After</c> (seconds or an HTTP date). A wait under a millisecond (zero,
/// negative, a date already past, or a fraction such as <c>1e-9</c> that rounds to no time at all) names no
/// wait: taken literally, it would send every retry at once, so it counts as absent and the caller backs
/// off as when no header came.
/// </summary>
internal static class RetryAfterParser
{
    /// <summary>Timers resolve no finer; a shorter wait is the same storm of retries as none.</summary>
    private const double ShortestSeconds = 0.001;

    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public static TimeSpan? Parse(string? rateLimitReset, string? retryAfter, DateTimeOffset now)
        => ParseSeconds(rateLimitReset) ?? ParseSeconds(retryAfter) ?? ParseDate(retryAfter, now);

    // Each TryParse is a statement of its own, its result tested apart: an out variable read inside the same
    // condition cannot be compiled once a mutation tool rewrites that condition (definite assignment is lost).
    // A null or padded value needs no check: TryParse refuses null, and the styles allow white space.
    private static TimeSpan? ParseSeconds(string? value)
    {
        bool parsed = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds);

        // "NaN" and "Infinity" parse as numbers but name no wait.
        return parsed && !double.IsNaN(seconds) && !double.IsInfinity(seconds) ? Positive(seconds) : null;
    }

    private static TimeSpan? ParseDate(string? value, DateTimeOffset now)
    {
        bool parsed = DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out DateTimeOffset date);
        return parsed ? Positive((date - now).TotalSeconds) : null;
    }

    private static TimeSpan? Positive(double seconds)
        => seconds < ShortestSeconds ? null : seconds >= Longest.TotalSeconds ? Longest : TimeSpan.FromSeconds(seconds);
}
