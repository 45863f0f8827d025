using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Internal;

/// <summary>One way to read a stream into memory on every target: netstandard2.0's streams only read arrays.</summary>
internal static class StreamReads
{
    public static ValueTask<int> ReadMemoryAsync(this Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
#if NET
        return stream.ReadAsync(buffer, cancellationToken);
#else
        if (!MemoryMarshal.TryGetArray(buffer, out ArraySegment<byte> segment))
        {
            throw new NotSupportedException("Only array-backed buffers are read on this platform.");
        }

        return new ValueTask<int>(stream.ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken));
#endif
    }
}
