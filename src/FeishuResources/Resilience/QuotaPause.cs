using System;

namespace FeishuResources.Resilience;

/// <summary>
/// How long a 429 holds back every caller of its quota: the wait the platform named (else the default
/// rate-limit delay), but never longer than <see cref="FeishuRetryOptions.MaxQuotaPause"/>. The caller
/// that got the 429 waits the full time itself; a pause as long would stall callers who cannot wait that
/// long, where a short one lets each of them ask and learn its own wait.
/// </summary>
internal static class QuotaPause
{
    public static TimeSpan For(TimeSpan? retryAfter, FeishuRetryOptions retry)
    {
        TimeSpan pause = retryAfter ?? retry.DefaultRateLimitDelay;
        // Stryker disable once Equality : equivalent — when the two are equal, either branch returns the same value.
        return pause < retry.MaxQuotaPause ? pause : retry.MaxQuotaPause;
    }
}
