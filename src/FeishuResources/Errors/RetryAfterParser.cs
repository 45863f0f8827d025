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
        => ParseSeconds(rateLimitReset) ?? ParseRetryAfter(retryAfter, now);

    private static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (ParseSeconds(value) is { } delay)
        {
            return delay;
        }

        if (value is not null
            && DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            return Positive((date - now).TotalSeconds);
        }

        return null;
    }

    private static TimeSpan? ParseSeconds(string? value)
    {
        if (value is null
            || !double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            || double.IsNaN(seconds)
            || double.IsInfinity(seconds))
        {
            return null;
        }

        return Positive(seconds);
    }

    private static TimeSpan? Positive(double seconds)
        => seconds < ShortestSeconds ? null : seconds >= Longest.TotalSeconds ? Longest : TimeSpan.FromSeconds(seconds);
}
