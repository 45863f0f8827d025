using System;
using System.ComponentModel.DataAnnotations;
using System.Threading;

namespace FeishuResources.DependencyInjection;

/// <summary>A timeout between 10 ms and 1 day, or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
/// <remarks>
/// <see cref="RangeAttribute"/> cannot say "or infinite": the infinite value, -1 ms, lies below the range.
/// Under 10 ms no request can finish; over a day a timer is a mistake, not a budget.
/// </remarks>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TimeoutBoundsAttribute : ValidationAttribute
{
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public TimeoutBoundsAttribute()
        : base("{0} must be between 10 ms and 1 day, or Timeout.InfiniteTimeSpan.")
    {
    }

    public override bool IsValid(object? value) => value is TimeSpan timeout && Contains(timeout);

    public static bool Contains(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan || (timeout >= Shortest && timeout <= Longest);
}
