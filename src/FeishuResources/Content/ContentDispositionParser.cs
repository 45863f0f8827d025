using System;
using System.Text;

namespace FeishuResources.Content;

/// <summary>
/// Finds the file name in a <c>Content-Disposition</c> field value, read by RFC 6266's grammar
/// (<see cref="DispositionGrammar"/>): RFC 5987 <c>filename*</c> first, then RFC 2231 continuations
/// (<c>filename*0</c>, <c>filename*1</c>, …), then <c>filename</c>. Held to Julian Reschke's tc2231 cases
/// with one deliberate difference: raw UTF-8 bytes in a quoted <c>filename</c>, which the platform sends and
/// .NET reads as Latin-1, are decoded as UTF-8. Never throws: a field that is invalid, or whose names are all
/// unusable, yields <see langword="null"/> (the download is then named after its key).
/// </summary>
internal static class ContentDispositionParser
{
    public static string? GetFileName(string? headerValue)
    {
        if (string.IsNullOrEmpty(headerValue) || DispositionGrammar.ReadParameters(headerValue!) is not { } parameters)
        {
            return null;
        }

        string? extended = null;
        string? plain = null;
        foreach (DispositionParameter parameter in parameters)
        {
            if (parameter.Name.Equals("filename*", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 5987 allows no quotes around an extended value; a quoted one is ignored (tc2231 attwithfn2231quot).
                extended = parameter.Quoted ? null : ExtendedValue.Decode(parameter.Value);
            }
            else if (parameter.Name.Equals("filename", StringComparison.OrdinalIgnoreCase))
            {
                plain = RecoverUtf8(parameter.Value);
            }
        }

        return Usable(extended) ?? Usable(FileNameContinuations.Join(parameters)) ?? Usable(plain);
    }

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

        return ExtendedValue.TryDecodeUtf8(bytes) ?? value;
    }

    /// <summary>A name is unusable when it is blank or holds control characters; a usable one is trimmed and composed.</summary>
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

        return Composed(name);
    }

    /// <summary>
    /// Unicode normal form C, so <c>a</c> + combining diaeresis and <c>ä</c> give the same file (tc2231
    /// attwithfn2231utf8comp). A lone surrogate has no normal form; the name stays as it is and the sanitizer
    /// replaces it.
    /// </summary>
    private static string Composed(string name)
    {
        try
        {
            return name.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return name;
        }
    }
}
