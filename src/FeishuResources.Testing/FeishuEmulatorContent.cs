using System;
using System.IO;
using FeishuResources.Testing.Downloads;

namespace FeishuResources.Testing;

/// <summary>
/// The bytes of a seeded resource. The emulator streams them to each request; it never holds a whole
/// generated or stream-backed resource in memory.
/// </summary>
public sealed class FeishuEmulatorContent
{
    private readonly Func<Stream> _open;

    private FeishuEmulatorContent(Func<Stream> open, long length)
    {
        _open = open;
        Length = length;
    }

    /// <summary>The length of the content in bytes.</summary>
    public long Length { get; }

    /// <summary>Content that is a copy of <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The bytes; copied, so later changes to the array do not show.</param>
    /// <returns>The content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    public static FeishuEmulatorContent FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        byte[] copy = (byte[])bytes.Clone();
        return new FeishuEmulatorContent(() => new MemoryStream(copy, writable: false), copy.Length);
    }

    /// <summary>
    /// Content read from a stream that <paramref name="openRead"/> opens anew for each request, for
    /// example a file on disk. The stream is disposed after each response.
    /// </summary>
    /// <param name="openRead">Opens a readable stream positioned at the start of the content.</param>
    /// <param name="length">The content's length; a stream that ends earlier truncates the response.</param>
    /// <returns>The content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="openRead"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static FeishuEmulatorContent FromStream(Func<Stream> openRead, long length)
    {
        ArgumentNullException.ThrowIfNull(openRead);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new FeishuEmulatorContent(openRead, length);
    }

    /// <summary>
    /// Deterministic content of <paramref name="length"/> bytes computed from each byte's offset, so a
    /// 120 MB resource costs no memory. The same length and seed always give the same bytes.
    /// </summary>
    /// <param name="length">The content's length in bytes.</param>
    /// <param name="seed">Varies the bytes, so that two generated resources of one length differ.</param>
    /// <returns>The content.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static FeishuEmulatorContent Generated(long length, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new FeishuEmulatorContent(() => new GeneratedContentStream(length, seed), length);
    }

    /// <summary>
    /// Opens the content for reading, for example to compute the hash a test expects.
    /// </summary>
    /// <returns>A readable stream over the content; dispose it.</returns>
    public Stream OpenRead() => _open();
}
