using System;

namespace FeishuResources;

/// <summary>
/// The platform's frequency limit was hit (99991400) and retries did not get through.
/// </summary>
public class FeishuRateLimitedException : FeishuApiException
{
    /// <summary>Creates the exception from what the platform said.</summary>
    /// <param name="message">A message that says what happened and what to do.</param>
    /// <param name="error">The platform's error.</param>
    /// <param name="retryAfter">How long the platform asked to wait, when it said.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public FeishuRateLimitedException(string message, FeishuApiError error, TimeSpan? retryAfter, Exception? innerException = null)
        : base(message, error, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>
    /// How long the platform asked to wait (<c>x-ogw-ratelimit-reset</c>, else <c>Retry-After</c>);
    /// <see langword="null"/> when it did not say, or named no wait (zero, or a date already past).
    /// </summary>
    public TimeSpan? RetryAfter { get; }
}
