using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Options;

namespace FeishuResources.DependencyInjection;

/// <summary>Checks the options at start, naming each missing or wrong field and, for a number, its bounds.</summary>
/// <remarks>
/// Every number is bounded: a value past what the platform or a process can use is a mistake, and some
/// would fail only later and worse (a limiter sized for <see cref="int.MaxValue"/> permits, a delay
/// that overflows a timer).
/// </remarks>
internal sealed class FeishuResourcesOptionsValidator : IValidateOptions<FeishuResourcesOptions>
{
    // Far above the platform's 50 per second and 1000 per minute, and above what one process can send.
    private const int MaxPermitsPerSecond = 1_000_000;
    private const int MaxPermitsPerMinute = 60 * MaxPermitsPerSecond;

    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, FeishuResourcesOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            failures.Add("FeishuResourcesOptions.AppId is required: set Feishu:AppId to the app id (cli_…) from the developer console.");
        }

        if (!options.UsesExternalTokenProvider && string.IsNullOrWhiteSpace(options.AppSecret))
        {
            failures.Add("FeishuResourcesOptions.AppSecret is required: set Feishu:AppSecret from the developer console, or register your own token provider with UseTokenProvider.");
        }

        if (options.BaseAddress is null || !options.BaseAddress.IsAbsoluteUri
            || (options.BaseAddress.Scheme != Uri.UriSchemeHttps && options.BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("FeishuResourcesOptions.BaseAddress must be an absolute http(s) address such as https://open.feishu.cn.");
        }

        if (options.AppType is not FeishuAppType.SelfBuilt and not FeishuAppType.Store)
        {
            failures.Add("FeishuResourcesOptions.AppType must be SelfBuilt or Store.");
        }

        // Tokens live 2 hours and the margin is capped at half a token's lifetime: more than an hour never applies.
        Check(options.TokenRefreshMargin >= TimeSpan.Zero && options.TokenRefreshMargin <= TimeSpan.FromHours(1), "TokenRefreshMargin", "between 0 and 1 hour", failures);
        Check(options.MaxDownloadBytes is >= 1 and <= 1L << 40, "MaxDownloadBytes", "between 1 and 1099511627776 (1 TiB) bytes", failures);
        Check(options.RangeChunkSize is >= 64 * 1024 and <= 64 * 1024 * 1024, "RangeChunkSize", "between 65536 (64 KiB) and 67108864 (64 MiB) bytes", failures);
        Check(options.MaxResumeAttempts is >= 0 and <= 100, "MaxResumeAttempts", "between 0 and 100", failures);
        Check(options.ParallelChunks is >= 1 and <= 16, "ParallelChunks", "between 1 and 16", failures);

        ValidateRateLimit(options.RateLimit, failures);
        ValidateRetry(options.Retry, failures);
        ValidateTimeouts(options.Timeouts, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRateLimit(FeishuRateLimitOptions? rateLimit, List<string> failures)
    {
        if (rateLimit is null)
        {
            failures.Add("FeishuResourcesOptions.RateLimit must not be null; set RateLimit.Enabled = false to turn the limiter off.");
            return;
        }

        Check(rateLimit.PermitsPerSecond is >= 1 and <= MaxPermitsPerSecond, "RateLimit.PermitsPerSecond", $"between 1 and {MaxPermitsPerSecond} (the platform allows 50)", failures);
        Check(rateLimit.PermitsPerMinute is >= 1 and <= MaxPermitsPerMinute, "RateLimit.PermitsPerMinute", $"between 1 and {MaxPermitsPerMinute} (the platform allows 1000)", failures);
        Check(rateLimit.SafetyMargin >= TimeSpan.Zero && rateLimit.SafetyMargin < TimeSpan.FromSeconds(1), "RateLimit.SafetyMargin", "at least 0 and under 1 second", failures);
    }

    private static void ValidateRetry(FeishuRetryOptions? retry, List<string> failures)
    {
        if (retry is null)
        {
            failures.Add("FeishuResourcesOptions.Retry must not be null; set MaxRetryAttempts = 0 to turn retries off.");
            return;
        }

        Check(retry.MaxRetryAttempts is >= 0 and <= 100, "Retry.MaxRetryAttempts", "between 0 and 100", failures);
        Check(retry.MaxRateLimitRetryAttempts is >= 0 and <= 100, "Retry.MaxRateLimitRetryAttempts", "between 0 and 100", failures);
        Check(IsDelay(retry.BaseDelay), "Retry.BaseDelay", "between 1 ms and 1 day", failures);
        Check(retry.MaxDelay >= retry.BaseDelay && retry.MaxDelay <= OneDay, "Retry.MaxDelay", "between Retry.BaseDelay and 1 day", failures);
        Check(IsDelay(retry.DefaultRateLimitDelay), "Retry.DefaultRateLimitDelay", "between 1 ms and 1 day", failures);
        Check(retry.MaxQuotaPause >= TimeSpan.Zero && retry.MaxQuotaPause <= TimeSpan.FromHours(1), "Retry.MaxQuotaPause", "between 0 and 1 hour", failures);
    }

    private static void ValidateTimeouts(FeishuTimeoutOptions? timeouts, List<string> failures)
    {
        if (timeouts is null)
        {
            failures.Add("FeishuResourcesOptions.Timeouts must not be null.");
            return;
        }

        CheckTimeout(timeouts.AttemptTimeout, nameof(FeishuTimeoutOptions.AttemptTimeout), failures);
        CheckTimeout(timeouts.TotalTimeout, nameof(FeishuTimeoutOptions.TotalTimeout), failures);
        CheckTimeout(timeouts.BodyIdleTimeout, nameof(FeishuTimeoutOptions.BodyIdleTimeout), failures);
    }

    private static bool IsDelay(TimeSpan value) => value >= TimeSpan.FromMilliseconds(1) && value <= OneDay;

    private static void CheckTimeout(TimeSpan value, string name, List<string> failures)
        => Check(
            value == Timeout.InfiniteTimeSpan || (value >= TimeSpan.FromMilliseconds(10) && value <= OneDay),
            "Timeouts." + name,
            "between 10 ms and 1 day, or Timeout.InfiniteTimeSpan",
            failures);

    private static void Check(bool valid, string option, string bounds, List<string> failures)
    {
        if (!valid)
        {
            failures.Add($"FeishuResourcesOptions.{option} must be {bounds}.");
        }
    }
}
