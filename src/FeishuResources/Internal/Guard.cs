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

    /// <summary>
    /// A platform id or key: not blank, and well-formed UTF-16. A lone surrogate has no UTF-8 form, so
    /// escaping would silently replace it (with U+FFFD) and ask for a different key.
    /// </summary>
    public static void Id(string? value, string parameterName)
    {
        NotNullOrWhiteSpace(value, parameterName);
        for (int i = 0; i < value!.Length; i++)
        {
            if (!char.IsSurrogate(value[i]))
            {
                continue;
            }

            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            throw new ArgumentException(
                $"{parameterName} has a lone surrogate (U+{(int)value[i]:X4}) at index {i}: it is no valid text, and no request could carry it unchanged.",
                parameterName);
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
