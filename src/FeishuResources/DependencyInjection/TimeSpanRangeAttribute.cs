using System;
using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace FeishuResources.DependencyInjection;

/// <summary>A <see cref="TimeSpan"/> between two bounds, both included.</summary>
/// <remarks>
/// <c>[Range(typeof(TimeSpan), …)]</c> converts through a <c>TypeConverter</c>, which the trimmer flags
/// (IL2026) on the property that carries it; this attribute compares directly, as dotnet/extensions'
/// own <c>TimeSpanAttribute</c> does.
/// </remarks>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    private readonly TimeSpan _minimum;
    private readonly TimeSpan _maximum;

    /// <param name="minimum">The least value, in the invariant <c>[d.]hh:mm:ss[.fffffff]</c> format.</param>
    /// <param name="maximum">The greatest value, in the same format.</param>
    public TimeSpanRangeAttribute(string minimum, string maximum)
    {
        _minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        _maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    public override bool IsValid(object? value) => value is TimeSpan span && span >= _minimum && span <= _maximum;
}
