using System;
using System.Collections.Generic;
using System.Text;

namespace FeishuResources.Content;

/// <summary>
/// Finds the file name in a <c>Content-Disposition</c> header value. Prefers RFC 6266/5987
/// <c>filename*</c>; recovers the raw UTF-8 bytes the platform sends in <c>filename</c> from the
/// Latin-1 text .NET decodes them as. Never throws: anything malformed or unusable yields
/// <see langword="null"/>.
/// </summary>
internal static class ContentDispositionParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? GetFileName(string? headerValue)
    {
        if (string.IsNullOrEmpty(headerValue))
        {
            return null;
        }

        try
        {
            string? plain = null;
            string? extended = null;
            foreach (KeyValuePair<string, string> parameter in ReadParameters(headerValue!))
            {
                if (parameter.Key.Equals("filename*", StringComparison.OrdinalIgnoreCase))
                {
                    extended ??= DecodeExtendedValue(parameter.Value);
                }
                else if (parameter.Key.Equals("filename", StringComparison.OrdinalIgnoreCase))
                {
                    plain ??= RecoverUtf8(parameter.Value);
                }
            }

            return Usable(extended) ?? Usable(plain);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Splits <c>type; name=value; name="quoted; value"</c> into parameters; stops at the first malformed one.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ReadParameters(string header)
    {
        int position = header.IndexOf(';');
        while (position >= 0 && position < header.Length)
        {
            position++;
            int equals = header.IndexOf('=', position);
            if (equals < 0)
            {
                yield break;
            }

            // A parameter without a value ("attachment; inline; filename=…") leaves ';' before the name.
            int lastSeparator = header.LastIndexOf(';', equals - 1, equals - position);
            position = lastSeparator < 0 ? position : lastSeparator + 1;
            string name = header.Substring(position, equals - position).Trim();
            position = SkipSpaces(header, equals + 1);
            string value;
            if (position < header.Length && header[position] == '"')
            {
                if (!TryReadQuoted(header, ref position, out value))
                {
                    yield break;
                }
            }
            else
            {
                int end = header.IndexOf(';', position);
                end = end < 0 ? header.Length : end;
                value = header.Substring(position, end - position).Trim();
                position = end;
            }

            if (name.Length > 0)
            {
                yield return new KeyValuePair<string, string>(name, value);
            }

            position = header.IndexOf(';', position);
        }
    }

    private static int SkipSpaces(string text, int position)
    {
        while (position < text.Length && (text[position] == ' ' || text[position] == '\t'))
        {
            position++;
        }

        return position;
    }

    /// <summary>Reads a quoted-string starting at the opening quote; a missing closing quote is malformed.</summary>
    private static bool TryReadQuoted(string text, ref int position, out string value)
    {
        var builder = new StringBuilder();
        for (int i = position + 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                builder.Append(text[++i]);
            }
            else if (c == '"')
            {
                position = i + 1;
                value = builder.ToString();
                return true;
            }
            else
            {
                builder.Append(c);
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Decodes RFC 5987 <c>charset'language'percent-encoded</c>; unknown charsets and bad escapes yield null.</summary>
    private static string? DecodeExtendedValue(string value)
    {
        value = value.Trim().Trim('"');
        int first = value.IndexOf('\'');
        int second = first < 0 ? -1 : value.IndexOf('\'', first + 1);
        if (second < 0)
        {
            return null;
        }

        string charset = value.Substring(0, first);
        byte[]? bytes = PercentDecode(value, second + 1);
        if (bytes is null)
        {
            return null;
        }

        if (charset.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            return TryDecodeUtf8(bytes);
        }

        return charset.Equals("ISO-8859-1", StringComparison.OrdinalIgnoreCase) ? Latin1ToString(bytes) : null;
    }

    /// <summary>Invalid UTF-8 makes only this value unusable, so a valid plain <c>filename</c> can still be used.</summary>
    private static string? TryDecodeUtf8(byte[] bytes)
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

    private static byte[]? PercentDecode(string value, int start)
    {
        var bytes = new List<byte>(value.Length - start);
        for (int i = start; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '%')
            {
                if (i + 2 >= value.Length || !IsHex(value[i + 1]) || !IsHex(value[i + 2]))
                {
                    return null;
                }

                bytes.Add((byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2])));
                i += 2;
            }
            else if (c > 0x7F)
            {
                return null;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        return bytes.ToArray();
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>
    /// The platform puts raw UTF-8 bytes in the header and .NET reads each byte as one Latin-1 char.
    /// When every char fits in a byte and those bytes are valid UTF-8, the UTF-8 text is the real name;
    /// otherwise the text was already decoded correctly (or was genuinely Latin-1) and stays.
    /// </summary>
    private static string RecoverUtf8(string value)
    {
        bool hasHighBytes = false;
        foreach (char c in value)
        {
            if (c > 0xFF)
            {
                return value;
            }

            hasHighBytes |= c >= 0x80;
        }

        if (!hasHighBytes)
        {
            return value;
        }

        byte[] bytes = new byte[value.Length];
        for (int i = 0; i < value.Length; i++)
        {
            bytes[i] = (byte)value[i];
        }

        return TryDecodeUtf8(bytes) ?? value;
    }

    private static string Latin1ToString(byte[] bytes)
    {
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return new string(chars);
    }

    /// <summary>A name is unusable when it is blank or holds control characters.</summary>
    private static string? Usable(string? name)
    {
        if (name is null)
        {
            return null;
        }

        name = name.Trim();
        if (name.Length == 0)
        {
            return null;
        }

        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                return null;
            }
        }

        return name;
    }
}
