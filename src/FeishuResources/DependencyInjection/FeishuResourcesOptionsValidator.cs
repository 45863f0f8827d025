using System;
using System.ComponentModel.DataAnnotations;
using System.Threading;
using Microsoft.Extensions.Options;

namespace FeishuResources.DependencyInjection;

/// <summary>Checks the options at start, naming each missing or wrong field and, for a number, its bounds.</summary>
/// <remarks>
/// Every number is bounded: a value past what the platform or a process can use is a mistake, and some
/// would fail only later and worse (a limiter sized for <see cref="int.MaxValue"/> permits, a delay
/// that overflows a timer). The bounds of single fields are data annotations on the options, checked by
/// the generated <see cref="FeishuResourcesOptionsAnnotationsValidator"/>; this class adds what annotations
/// cannot say: rules between fields, and fields whose validity depends on more than their value. Every
/// options name is validated, so named clients are checked too.
/// </remarks>
internal sealed class FeishuResourcesOptionsValidator : IValidateOptions<FeishuResourcesOptions>
{
    private readonly FeishuResourcesOptionsAnnotationsValidator _annotations = new();

    public ValidateOptionsResult Validate(string? name, FeishuResourcesOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        failures.AddResult(_annotations.Validate(name, options));

        // Messages start as the generated ones do: "Member: Path.Member …".
        string path = string.IsNullOrEmpty(name) ? nameof(FeishuResourcesOptions) : name!;
        void Fail(string field, string message)
            => failures.AddResult(new ValidationResult($"{path}.{field} {message}", [field.Substring(field.LastIndexOf('.') + 1)]));

        if (!options.UsesExternalTokenProvider && string.IsNullOrWhiteSpace(options.AppSecret))
        {
            Fail("AppSecret", "is required: set Feishu:AppSecret from the developer console, or register your own token provider with UseTokenProvider.");
        }

        if (options.BaseAddress is null || !options.BaseAddress.IsAbsoluteUri
            || (options.BaseAddress.Scheme != Uri.UriSchemeHttps && options.BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            Fail("BaseAddress", "must be an absolute http(s) address such as https://open.feishu.cn.");
        }

        if (options.AppType is not FeishuAppType.SelfBuilt and not FeishuAppType.Store)
        {
            Fail("AppType", "must be SelfBuilt or Store.");
        }

        // A negative MaxDelay already fails its own range.
        if (options.Retry is { } retry && retry.MaxDelay >= TimeSpan.Zero && retry.MaxDelay < retry.BaseDelay)
        {
            Fail("Retry.MaxDelay", "must be between Retry.BaseDelay and 1 day.");
        }

        // An attempt never outlives the budget it runs in: a longer one could only ever end as the total
        // timeout. A timeout out of its own bounds already has its message.
        if (options.Timeouts is { } timeouts
            && TimeoutBoundsAttribute.Contains(timeouts.AttemptTimeout) && TimeoutBoundsAttribute.Contains(timeouts.TotalTimeout)
            && Outlives(timeouts.AttemptTimeout, timeouts.TotalTimeout))
        {
            Fail("Timeouts.AttemptTimeout", "must be at most Timeouts.TotalTimeout (Timeout.InfiniteTimeSpan counts as the longest).");
        }

        return failures.Build();
    }

    private static bool Outlives(TimeSpan attempt, TimeSpan total)
        => total != Timeout.InfiniteTimeSpan && (attempt == Timeout.InfiniteTimeSpan || attempt > total);
}
