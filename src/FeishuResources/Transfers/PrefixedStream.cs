using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Internal;

namespace FeishuResources.Transfers;

/// <summary>
/// Replays bytes already read from the network (held in a pooled buffer) and then continues with the
/// rest of the network stream, so a body that had to be peeked at is still handed out whole.
/// </summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly Stream _rest;
    private byte[]? _prefix;
    private readonly int _prefixLength;
    private int _prefixPosition;

    /// <param name="prefix">A buffer rented from <see cref="ArrayPool{T}.Shared"/>; this stream returns it.</param>
    /// <param name="prefixLength">How many bytes of <paramref name="prefix"/> are data.</param>
    /// <param name="rest">The remainder of the body.</param>
    public PrefixedStream(byte[] prefix, int prefixLength, Stream rest)
    {
        _prefix = prefix;
        _prefixLength = prefixLength;
        _rest = rest;
    }

    public override int Read(byte[] buffer, int offset, int count)
        => TryReadPrefix(buffer.AsSpan(offset, count), out int read) ? read : _rest.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => TryReadPrefix(buffer.AsSpan(offset, count), out int read) ? Task.FromResult(read) : _rest.ReadAsync(buffer, offset, count, cancellationToken);

#if NET
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => TryReadPrefix(buffer.Span, out int read) ? new ValueTask<int>(read) : _rest.ReadAsync(buffer, cancellationToken);
#endif

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rest.Dispose();
            byte[]? prefix = Interlocked.Exchange(ref _prefix, null);
            if (prefix is not null)
            {
                ArrayPool<byte>.Shared.Return(prefix);
            }
        }

        base.Dispose(disposing);
    }

    private bool TryReadPrefix(Span<byte> destination, out int read)
    {
        if (_prefix is null || _prefixPosition >= _prefixLength)
        {
            read = 0;
            return false;
        }

        read = Math.Min(destination.Length, _prefixLength - _prefixPosition);
        _prefix.AsSpan(_prefixPosition, read).CopyTo(destination);
        _prefixPosition += read;
        return true;
    }
}
