using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace FeishuResources.Content;

/// <summary>
/// Turns an untrusted file name (from <c>Content-Disposition</c>, or a resource key) into one that is a
/// single, valid, harmless file name on Windows, Linux and macOS alike, so the same download lands under
/// the same name everywhere and never outside the chosen folder.
/// </summary>
internal static class FileNameSanitizer
{
    /// <summary>Linux and macOS allow 255 UTF-8 bytes per name; Windows 255 UTF-16 units, which this also respects.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The name used when neither the server's name nor the resource key leaves anything usable.</summary>
    public const string DefaultStem = "download";

    /// <summary>A longer "extension" is just part of the name, and is shortened with it.</summary>
    private const int MaxExtensionChars = 16;

    private const char Replacement = '_';

    private static readonly HashSet<string> ReservedDeviceNames = CreateReservedDeviceNames();

    /// <summary>The sanitized <paramref name="name"/>, or <see langword="null"/> when nothing usable is left.</summary>
    public static string? Sanitize(string? name)
    {
        if (name is null)
        {
            return null;
        }

        // Directory parts are dropped, whichever separator the sender used.
        int lastSeparator = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        string cleaned = ReplaceUnsafeCharacters(name.Substring(lastSeparator + 1));

        // Windows silently drops trailing dots and spaces, so "a.txt." and "a.txt" would collide there.
        cleaned = cleaned.Trim(' ').TrimEnd('.', ' ');
        if (cleaned.Length == 0 || cleaned.Trim('.').Length == 0)
        {
            return null;
        }

        if (IsReservedDeviceName(cleaned))
        {
            cleaned = Replacement + cleaned;
        }

        return Compose(cleaned, string.Empty);
    }

    /// <summary>
    /// The name to save a download under: the server's name when usable, else the resource key with an
    /// extension from the media type.
    /// </summary>
    public static string ForDownload(string? fileName, string resourceKey, string? contentType)
        => Sanitize(fileName) ?? Compose((Sanitize(resourceKey) ?? DefaultStem) + MediaTypeExtensions.For(contentType), string.Empty);

    /// <summary>
    /// <c>name (n).ext</c> for the <paramref name="counter"/>-th alternative to a name that is taken,
    /// still within the length bound.
    /// </summary>
    public static string WithCounter(string safeName, int counter)
        => Compose(safeName, " (" + counter.ToString(CultureInfo.InvariantCulture) + ")");

    /// <summary>
    /// The full path of <paramref name="safeName"/> inside <paramref name="directoryFullPath"/>; throws when
    /// the result would be anywhere else, a last line of defence should a rule above ever be wrong.
    /// </summary>
    public static string CombineInside(string directoryFullPath, string safeName)
    {
        string full = Path.GetFullPath(Path.Combine(directoryFullPath, safeName));
        string? parent = Path.GetDirectoryName(full);
        if (parent is null || !string.Equals(TrimSeparators(parent), TrimSeparators(directoryFullPath), StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The file name '" + safeName + "' does not stay inside the target directory.");
        }

        return full;
    }

    private static string TrimSeparators(string path) => path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    private static string ReplaceUnsafeCharacters(string name)
    {
        var builder = new StringBuilder(name.Length);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                // Beyond the BMP lie invisible format characters too (tag characters that hide text).
                if (CharUnicodeInfo.GetUnicodeCategory(name, i) == UnicodeCategory.Format)
                {
                    builder.Append(Replacement);
                }
                else
                {
                    builder.Append(c).Append(name[i + 1]);
                }

                i++;
            }
            else
            {
                builder.Append(IsUnsafe(c) ? Replacement : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Control characters, the characters Windows forbids, lone surrogates (no valid UTF-8 on disk),
    /// invisible format characters such as right-to-left overrides that disguise an extension, and the line
    /// and paragraph separators (U+2028, U+2029), which break a name across lines in listings and logs.
    /// </summary>
    private static bool IsUnsafe(char c)
        => c is '<' or '>' or ':' or '"' or '|' or '?' or '*'
            || char.IsSurrogate(c) || char.IsControl(c)
            || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>Windows reserves device names with any extension (<c>CON.txt</c>) and trailing spaces, in any case.</summary>
    private static bool IsReservedDeviceName(string name)
    {
        int dot = name.IndexOf('.');
        string stem = (dot < 0 ? name : name.Substring(0, dot)).TrimEnd(' ');
        return ReservedDeviceNames.Contains(stem);
    }

    private static HashSet<string> CreateReservedDeviceNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$" };
        foreach (string digit in new[] { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "\u00B9", "\u00B2", "\u00B3" })
        {
            names.Add("COM" + digit);
            names.Add("LPT" + digit);
        }

        return names;
    }

    /// <summary>
    /// <c>stem + suffix + extension</c>, shortening the stem (never the extension, never inside a
    /// surrogate pair) so the whole stays within <see cref="MaxNameBytes"/> UTF-8 bytes.
    /// </summary>
    private static string Compose(string name, string suffix)
    {
        int dot = name.LastIndexOf('.');
        bool hasExtension = dot > 0 && name.Length - dot <= MaxExtensionChars;
        string stem = hasExtension ? name.Substring(0, dot) : name;
        string extension = hasExtension ? name.Substring(dot) : string.Empty;

        int budget = MaxNameBytes - Encoding.UTF8.GetByteCount(extension) - Encoding.UTF8.GetByteCount(suffix);
        if (Encoding.UTF8.GetByteCount(stem) > budget)
        {
            stem = Truncate(stem, budget).TrimEnd('.', ' ');
            if (stem.Length == 0)
            {
                stem = DefaultStem;
            }
        }

        return stem + suffix + extension;
    }

    private static string Truncate(string text, int maxBytes)
    {
        int bytes = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int width = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
            int size = width == 2 ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            i += width;
        }

        return text.Substring(0, i);
    }
}
