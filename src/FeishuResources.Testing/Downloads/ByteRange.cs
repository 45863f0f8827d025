using System;
using System.Globalization;

namespace FeishuResources.Testing.Downloads;

/// <summary>
/// A single <c>Range: bytes=…</c> request resolved against a resource's length. Forms served:
/// <c>bytes=a-b</c>, <c>bytes=a-</c> and <c>bytes=-n</c>. A header that is absent, malformed or asks
/// for several ranges is ignored, as HTTP allows, and the whole resource is served.
/// </summary>
internal readonly record struct ByteRange(long Start, long Length, bool IsPartial, bool IsSatisfiable)
{
    private const string Unit = "bytes=";

    public long End => Start + Length - 1;

    public static ByteRange Whole(long length) => new(0, length, IsPartial: false, IsSatisfiable: true);

    public static ByteRange Resolve(string? header, long length)
    {
        if (header is null || !header.StartsWith(Unit, StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return Whole(length);
        }

        string spec = header[Unit.Length..].Trim();
        int dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return Whole(length);
        }

        string first = spec[..dash];
        string last = spec[(dash + 1)..];
        if (first.Length == 0)
        {
            // bytes=-n: the last n bytes.
            return TryParse(last, out long suffix)
                ? (suffix == 0 || length == 0 ? Unsatisfiable : Partial(Math.Max(0, length - suffix), length - 1))
                : Whole(length);
        }

        if (!TryParse(first, out long start))
        {
            return Whole(length);
        }

        long end = length - 1;
        if (last.Length > 0 && (!TryParse(last, out end) || end < start))
        {
            return Whole(length);
        }

        return start >= length ? Unsatisfiable : Partial(start, Math.Min(end, length - 1));
    }

    private static ByteRange Unsatisfiable => new(0, 0, IsPartial: true, IsSatisfiable: false);

    private static ByteRange Partial(long start, long end) => new(start, end - start + 1, IsPartial: true, IsSatisfiable: true);

    private static bool TryParse(string digits, out long value)
        => long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
