using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Xunit;

namespace FeishuResources.Tests.DependencyInjection;

/// <summary>
/// The bounds the options classes declare as DataAnnotations, as any validator that reads them sees them (an
/// app validating its own settings page, <c>Validator.TryValidateObject</c>): each attribute is read afresh here,
/// so what it says does not depend on an instance the SDK's own validator made earlier.
/// </summary>
public sealed class Mut8MsgOptionAnnotationsTests
{
    [Fact]
    public void The_declared_time_ranges_accept_their_bounds_and_refuse_what_lies_outside()
    {
        var retry = new FeishuRetryOptions();

        Assert.Null(Check(retry, nameof(FeishuRetryOptions.BaseDelay), TimeSpan.FromMilliseconds(1)));
        Assert.Null(Check(retry, nameof(FeishuRetryOptions.BaseDelay), TimeSpan.FromDays(1)));
        Assert.Equal("BaseDelay must be between 1 ms and 1 day.", Check(retry, nameof(FeishuRetryOptions.BaseDelay), TimeSpan.Zero));
        Assert.Equal("BaseDelay must be between 1 ms and 1 day.", Check(retry, nameof(FeishuRetryOptions.BaseDelay), TimeSpan.FromDays(1) + TimeSpan.FromTicks(1)));
        Assert.Null(Check(retry, nameof(FeishuRetryOptions.MaxQuotaPause), TimeSpan.Zero));
        Assert.Null(Check(retry, nameof(FeishuRetryOptions.MaxQuotaPause), TimeSpan.FromHours(1)));
        Assert.Null(Check(new FeishuRateLimitOptions(), nameof(FeishuRateLimitOptions.SafetyMargin), TimeSpan.FromTicks(TimeSpan.TicksPerSecond - 1)));
        Assert.NotNull(Check(new FeishuRateLimitOptions(), nameof(FeishuRateLimitOptions.SafetyMargin), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_declared_timeout_bound_refuses_5_ms_saying_what_the_timeout_must_be()
    {
        var timeouts = new FeishuTimeoutOptions();

        Assert.Equal(
            "AttemptTimeout must be between 10 ms and 1 day, or Timeout.InfiniteTimeSpan.",
            Check(timeouts, nameof(FeishuTimeoutOptions.AttemptTimeout), TimeSpan.FromMilliseconds(5)));
        Assert.Null(Check(timeouts, nameof(FeishuTimeoutOptions.AttemptTimeout), Timeout.InfiniteTimeSpan));
    }

    /// <summary>The error message of the property's one validation attribute for <paramref name="value"/>; null when it passes.</summary>
    private static string? Check(object options, string property, object value)
    {
        ValidationAttribute attribute = Assert.Single(options.GetType().GetProperty(property)!.GetCustomAttributes<ValidationAttribute>(inherit: true));
        return attribute.GetValidationResult(value, new ValidationContext(options) { MemberName = property, DisplayName = property })?.ErrorMessage;
    }
}
