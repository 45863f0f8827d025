using System;
using System.Collections.Generic;
using System.Text;

namespace FeishuResources.Content;

/// <summary>
/// RFC 2231 continuations: a name split over <c>filename*0</c>, <c>filename*1</c>, … in any order, each
/// segment <c>filename*N*</c> when percent-encoded, the charset given once in segment 0.
/// </summary>
internal static class FileNameContinuations
{
    private const string Prefix = "filename*";

    /// <summary>Segment numbers past this are not read: no real name needs them, and the bound keeps the number an int.</summary>
    private const int MaxDigits = 4;

    /// <summary>
    /// The name the segments spell, joined from 0 up to the first missing number (a later segment is ignored);
    /// <see langword="null"/> without a segment 0, or when a number appears twice or a segment cannot be read.
    /// </summary>
    public static string? Join(List<DispositionParameter> parameters)
    {
        // Made only when there is a segment: nearly every name comes without continuations.
        Dictionary<int, DispositionParameter>? segments = null;
        foreach (DispositionParameter parameter in parameters)
        {
            if (TryGetNumber(parameter.Name, out int number) && !TryAddOnce(segments ??= new(), number, parameter))
            {
                return null;
            }
        }

        if (segments is null || !segments.TryGetValue(0, out DispositionParameter first))
        {
            return null;
        }

        return IsEncoded(first) ? JoinEncoded(first, segments) : JoinPlain(segments);
    }

    /// <summary>Segments without a charset are plain text, and then none of them may be encoded.</summary>
    private static string? JoinPlain(Dictionary<int, DispositionParameter> segments)
    {
        var name = new StringBuilder();
        for (int number = 0; segments.TryGetValue(number, out DispositionParameter segment); number++)
        {
            if (IsEncoded(segment))
            {
                return null;
            }

            name.Append(segment.Value);
        }

        return name.ToString();
    }

    /// <summary>The bytes of every segment, decoded together: a character may be split across two segments.</summary>
    private static string? JoinEncoded(DispositionParameter first, Dictionary<int, DispositionParameter> segments)
    {
        var bytes = new List<byte>();
        if (first.Quoted || !ExtendedValue.TrySplit(first.Value, out ExtendedValue.Charset charset, out string encoded)
            || !ExtendedValue.TryAppendPercentDecoded(encoded, bytes))
        {
            return null;
        }

        for (int number = 1; segments.TryGetValue(number, out DispositionParameter segment); number++)
        {
            bool read = IsEncoded(segment)
                ? !segment.Quoted && ExtendedValue.TryAppendPercentDecoded(segment.Value, bytes)
                : TryAppendAscii(segment.Value, bytes);
            if (!read)
            {
                return null;
            }
        }

        return ExtendedValue.GetString(charset, bytes);
    }

    /// <summary>A plain segment among encoded ones has no charset of its own, so only ASCII means the same in all.</summary>
    private static bool TryAppendAscii(string text, List<byte> bytes)
    {
        foreach (char c in text)
        {
            if (c > 0x7F)
            {
                return false;
            }

            bytes.Add((byte)c);
        }

        return true;
    }

    private static bool IsEncoded(DispositionParameter segment) => segment.Name.EndsWith("*", StringComparison.Ordinal);

    private static bool TryAddOnce(Dictionary<int, DispositionParameter> segments, int number, DispositionParameter segment)
    {
        if (segments.ContainsKey(number))
        {
            return false;
        }

        segments.Add(number, segment);
        return true;
    }

    /// <summary>
    /// <c>filename*N</c> or <c>filename*N*</c>, N a decimal number without leading zeros
    /// (<c>filename*01</c> is no segment, only an unknown parameter).
    /// </summary>
    private static bool TryGetNumber(string name, out int number)
    {
        number = 0;
        if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        int end = name.EndsWith("*", StringComparison.Ordinal) ? name.Length - 1 : name.Length;
        int digits = end - Prefix.Length;
        if (digits < 1 || digits > MaxDigits || (digits > 1 && name[Prefix.Length] == '0'))
        {
            return false;
        }

        for (int i = Prefix.Length; i < end; i++)
        {
            if (name[i] is < '0' or > '9')
            {
                return false;
            }

            number = (number * 10) + (name[i] - '0');
        }

        return true;
    }
}
