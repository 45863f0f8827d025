using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace FeishuResources.DependencyInjection;

/// <summary>Checks the options at start, naming each missing or wrong field.</summary>
internal sealed class FeishuResourcesOptionsValidator : IValidateOptions<FeishuResourcesOptions>
{
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

        if (options.TokenRefreshMargin < TimeSpan.Zero)
        {
            failures.Add("FeishuResourcesOptions.TokenRefreshMargin must not be negative.");
        }

        if (options.MaxDownloadBytes <= 0)
        {
            failures.Add("FeishuResourcesOptions.MaxDownloadBytes must be positive.");
        }

        if (options.RangeChunkSize is < 64 * 1024 or > 64 * 1024 * 1024)
        {
            failures.Add("FeishuResourcesOptions.RangeChunkSize must be between 65536 (64 KiB) and 67108864 (64 MiB) bytes.");
        }

        if (options.MaxResumeAttempts is < 0 or > 100)
        {
            failures.Add("FeishuResourcesOptions.MaxResumeAttempts must be between 0 and 100.");
        }

        if (options.ParallelChunks is < 1 or > 16)
        {
            failures.Add("FeishuResourcesOptions.ParallelChunks must be between 1 and 16.");
        }

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

        if (rateLimit.PermitsPerSecond < 1 || rateLimit.PermitsPerMinute < 1)
        {
            failures.Add("FeishuResourcesOptions.RateLimit.PermitsPerSecond and PermitsPerMinute must be at least 1.");
        }

        if (rateLimit.SafetyMargin < TimeSpan.Zero || rateLimit.SafetyMargin >= TimeSpan.FromSeconds(1))
        {
            failures.Add("FeishuResourcesOptions.RateLimit.SafetyMargin must be at least 0 and under 1 second.");
        }
    }

    private static void ValidateRetry(FeishuRetryOptions? retry, List<string> failures)
    {
        if (retry is null)
        {
            failures.Add("FeishuResourcesOptions.Retry must not be null; set MaxRetryAttempts = 0 to turn retries off.");
            return;
        }

        if (retry.MaxRetryAttempts is < 0 or > 100 || retry.MaxRateLimitRetryAttempts is < 0 or > 100)
        {
            failures.Add("FeishuResourcesOptions.Retry.MaxRetryAttempts and MaxRateLimitRetryAttempts must be between 0 and 100.");
        }

        if (retry.BaseDelay <= TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay || retry.MaxDelay > TimeSpan.FromDays(1))
        {
            failures.Add("FeishuResourcesOptions.Retry.BaseDelay must be positive and MaxDelay between BaseDelay and 1 day.");
        }

        if (retry.DefaultRateLimitDelay < TimeSpan.Zero || retry.DefaultRateLimitDelay > TimeSpan.FromDays(1))
        {
            failures.Add("FeishuResourcesOptions.Retry.DefaultRateLimitDelay must be between 0 and 1 day.");
        }
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

    private static void CheckTimeout(TimeSpan value, string name, List<string> failures)
    {
        if (value != System.Threading.Timeout.InfiniteTimeSpan && (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromDays(1)))
        {
            failures.Add($"FeishuResourcesOptions.Timeouts.{name} must be between 10 ms and 1 day, or Timeout.InfiniteTimeSpan.");
        }
    }
}
