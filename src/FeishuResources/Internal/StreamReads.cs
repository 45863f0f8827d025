using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Internal;

/// <summary>One way to read a stream into memory on every target: netstandard2.0's streams only read arrays.</summary>
internal static class StreamReads
{
    /// <summary>A synchronous read into memory; on netstandard2.0 the memory must be backed by an array.</summary>
    public static int ReadMemory(this Stream stream, Memory<byte> buffer)
    {
#if NET
        // The array overload when there is an array: the SDK's body streams implement it, and the span
        // overload they inherit would copy through a rented array.
        return MemoryMarshal.TryGetArray(buffer, out ArraySegment<byte> array)
            ? stream.Read(array.Array!, array.Offset, array.Count)
            : stream.Read(buffer.Span);
#else
        ArraySegment<byte> segment = ArrayOf(buffer);
        return stream.Read(segment.Array!, segment.Offset, segment.Count);
#endif
    }

    public static ValueTask<int> ReadMemoryAsync(this Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
#if NET
        return stream.ReadAsync(buffer, cancellationToken);
#else
        ArraySegment<byte> segment = ArrayOf(buffer);
        return new ValueTask<int>(stream.ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken));
#endif
    }

#if !NET
    private static ArraySegment<byte> ArrayOf(Memory<byte> buffer)
        => MemoryMarshal.TryGetArray(buffer, out ArraySegment<byte> segment)
            ? segment
            : throw new NotSupportedException("Only array-backed buffers are read on this platform.");
#endif
}
