using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Testing.Downloads;

/// <summary>
/// A read-only, seekable stream whose byte at each offset is a cheap function of that offset and a seed:
/// any length costs no memory, and any range can be served without producing the bytes before it.
/// </summary>
internal sealed class GeneratedContentStream : Stream
{
    private readonly long _length;
    private readonly int _seed;
    private long _position;

    public GeneratedContentStream(long length, int seed)
    {
        _length = length;
        _seed = seed;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int count = (int)Math.Clamp(_length - _position, 0, buffer.Length);
        long start = _position;
        for (int i = 0; i < count; i++)
        {
            buffer[i] = ByteAt(start + i);
        }

        _position += count;
        return count;
    }

    /// <summary>Completes synchronously: the base class would queue each read to the thread pool and allocate a task for it.</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new ValueTask<int>(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Mixes higher bits in so that the content does not repeat every 256 bytes.</summary>
    private byte ByteAt(long offset) => (byte)(offset ^ (offset >> 8) ^ (offset >> 17) ^ _seed);
}
