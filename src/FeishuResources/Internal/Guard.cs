using System;

namespace FeishuResources.Internal;

/// <summary>Argument checks that run before any network call and name the argument.</summary>
internal static class Guard
{
    public static void NotNullOrWhiteSpace(string? value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName, $"{parameterName} must not be null.");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{parameterName} must not be empty or white space.", parameterName);
        }
    }

    public static void NotNull(object? value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName);
        }
    }

    public static void Defined(FeishuResourceType type, string parameterName)
    {
        if (type is not FeishuResourceType.Image and not FeishuResourceType.File)
        {
            throw new ArgumentOutOfRangeException(parameterName, type, $"{parameterName} must be FeishuResourceType.Image or FeishuResourceType.File.");
        }
    }
}
