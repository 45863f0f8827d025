using System;
using System.Globalization;

namespace FeishuResources.Errors;

/// <summary>
/// Reads how long the platform asked a client to wait: <c>x-ogw-ratelimit-reset</c> (seconds, possibly
/// fractional) first, then <c>Retry-After</c> (seconds or an HTTP date).
/// </summary>
internal static class RetryAfterParser
{
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
            return Clamp((date - now).TotalSeconds);
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

        return Clamp(seconds);
    }

    private static TimeSpan Clamp(double seconds)
        => seconds <= 0 ? TimeSpan.Zero : seconds >= Longest.TotalSeconds ? Longest : TimeSpan.FromSeconds(seconds);
}
