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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
