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
        WellFormed(value!, parameterName, parameterName);
    }

    /// <summary>
    /// The caller's per-call options: a tenant key goes into the token request's JSON, where a lone surrogate
    /// would be replaced (another tenant); an access token goes into a header, which carries visible ASCII only
    /// (anything else fails in the handler — or, for a line break, would split the header).
    /// </summary>
    public static void RequestOptions(FeishuRequestOptions? options, string parameterName)
    {
        if (!string.IsNullOrWhiteSpace(options?.TenantKey))
        {
            WellFormed(options!.TenantKey!, $"{parameterName}.TenantKey", parameterName);
        }

        if (string.IsNullOrWhiteSpace(options?.AccessToken))
        {
            return;
        }

        int unsendable = UnsendableInHeader(options!.AccessToken!);
        if (unsendable >= 0)
        {
            // The token itself is a secret: only the position is named.
            throw new ArgumentException(
                $"{parameterName}.AccessToken has a character at index {unsendable} that an Authorization header cannot carry (only visible ASCII, no spaces or line breaks).",
                parameterName);
        }
    }

    /// <summary>The index of the first character a bearer token in a header cannot carry (anything but visible ASCII), or -1.</summary>
    public static int UnsendableInHeader(string token)
    {
        for (int i = 0; i < token.Length; i++)
        {
            if (token[i] is <= ' ' or > '~')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Throws when <paramref name="value"/> has a lone surrogate: it has no UTF-8 form, so escaping would silently replace it (with U+FFFD).</summary>
    private static void WellFormed(string value, string description, string parameterName)
    {
        for (int i = 0; i < value.Length; i++)
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
                $"{description} has a lone surrogate (U+{(int)value[i]:X4}) at index {i}: it is no valid text, and no request could carry it unchanged.",
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
