using System;
using System.Collections.Generic;
using System.Text;

namespace FeishuResources.Content;

/// <summary>
/// RFC 5987 (RFC 8187) extended values: <c>charset'language'value</c>, the value percent-encoded bytes of the
/// charset. UTF-8 and ISO-8859-1 are the charsets a recipient must support and the only ones read here.
/// </summary>
internal static class ExtendedValue
{
    /// <summary>The charsets read; any other makes the value unusable.</summary>
    public enum Charset
    {
        Utf8,
        Latin1,
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="value"/>, or <see langword="null"/> when any part of it cannot be read.</summary>
    public static string? Decode(string value)
    {
        var bytes = new List<byte>(value.Length);
        return TrySplit(value, out Charset charset, out string encoded) && TryAppendPercentDecoded(encoded, bytes)
            ? GetString(charset, bytes)
            : null;
    }

    /// <summary>Splits off the charset and the (ignored) language; a missing or unknown charset fails.</summary>
    public static bool TrySplit(string value, out Charset charset, out string encoded)
    {
        charset = default;
        encoded = string.Empty;
        int first = value.IndexOf('\'');
        int second = first < 0 ? -1 : value.IndexOf('\'', first + 1);
        if (second < 0)
        {
            return false;
        }

        encoded = value.Substring(second + 1);
        string name = value.Substring(0, first);
        if (name.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            charset = Charset.Utf8;
            return true;
        }

        if (name.Equals("ISO-8859-1", StringComparison.OrdinalIgnoreCase))
        {
            charset = Charset.Latin1;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Appends the bytes of RFC 5987 <c>value-chars</c>: <c>%XX</c> escapes (either case) and <c>attr-char</c>s,
    /// and a raw <c>:</c> (see <see cref="DispositionGrammar"/>). A broken escape or any other char fails.
    /// </summary>
    public static bool TryAppendPercentDecoded(string encoded, List<byte> bytes)
    {
        for (int i = 0; i < encoded.Length; i++)
        {
            char c = encoded[i];
            if (c == '%')
            {
                if (i + 2 >= encoded.Length || !IsHex(encoded[i + 1]) || !IsHex(encoded[i + 2]))
                {
                    return false;
                }

                bytes.Add((byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2])));
                i += 2;
            }
            else if (IsAttrChar(c) || c == ':')
            {
                bytes.Add((byte)c);
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text the bytes spell in <paramref name="charset"/>; invalid UTF-8 gives <see langword="null"/>.</summary>
    public static string? GetString(Charset charset, List<byte> bytes)
        => charset == Charset.Utf8 ? TryDecodeUtf8(bytes.ToArray()) : Latin1ToString(bytes);

    /// <summary>Strict UTF-8: a name with invalid bytes is refused, not patched with U+FFFD.</summary>
    public static string? TryDecodeUtf8(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string Latin1ToString(List<byte> bytes)
    {
        var chars = new char[bytes.Count];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return new string(chars);
    }

    /// <summary>RFC 5987 <c>attr-char</c>: a token char other than <c>*</c>, <c>'</c> and <c>%</c>.</summary>
    private static bool IsAttrChar(char c)
        => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '&' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
