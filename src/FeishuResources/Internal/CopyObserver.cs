using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Internal;

/// <summary>
/// The destination a body stream hands to the stream beneath it when copying, so that the network
/// stream's own <c>CopyToAsync</c> — which writes straight from the connection's buffer — can run while
/// each layer still sees every block of bytes go by: to count and check them before they are written, and
/// to know when writing is done. It forwards every write to the real destination unchanged.
/// </summary>
/// <remarks>
/// A failure of the destination (a full disk, a closed pipe) is remembered in <see cref="DestinationFailed"/>,
/// so that a layer catching an <see cref="IOException"/> from the copy can tell it from a dropped
/// connection and never resumes a download because the caller's stream broke.
/// </remarks>
internal abstract class CopyObserver : Stream
{
    private readonly Stream _destination;

    protected CopyObserver(Stream destination)
    {
        _destination = destination;
    }

    /// <summary>True once a write to the destination threw.</summary>
    public bool DestinationFailed { get; private set; }

    public sealed override bool CanRead => false;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => true;

    public sealed override long Length => throw new NotSupportedException();

    public sealed override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public sealed override void Flush()
    {
        try
        {
            _destination.Flush();
        }
        catch
        {
            DestinationFailed = true;
            throw;
        }
    }

    public sealed override Task FlushAsync(CancellationToken cancellationToken) => AwaitFlushAsync(cancellationToken);

    public sealed override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public sealed override void Write(byte[] buffer, int offset, int count)
    {
        OnWriting(count);
        try
        {
            _destination.Write(buffer, offset, count);
        }
        catch
        {
            DestinationFailed = true;
            throw;
        }

        OnWritten(count);
    }

    public sealed override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        OnWriting(count);
        Task writing;
        try
        {
            writing = _destination.WriteAsync(buffer, offset, count, cancellationToken);
        }
        catch
        {
            DestinationFailed = true;
            throw;
        }

        if (writing.Status == TaskStatus.RanToCompletion)
        {
            OnWritten(count);
            return writing;
        }

        return AwaitWriteAsync(new ValueTask(writing), count).AsTask();
    }

#if NET
    public sealed override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        OnWriting(buffer.Length);
        ValueTask writing;
        try
        {
            writing = _destination.WriteAsync(buffer, cancellationToken);
        }
        catch
        {
            DestinationFailed = true;
            throw;
        }

        if (writing.IsCompletedSuccessfully)
        {
            OnWritten(buffer.Length);
            return default;
        }

        return AwaitWriteAsync(writing, buffer.Length);
    }
#endif

#if NET
    // Called for every block a slow destination cannot take at once: pooled, so a long copy does not allocate per block.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask AwaitWriteAsync(ValueTask writing, int count)
    {
        try
        {
            await writing.ConfigureAwait(false);
        }
        catch
        {
            DestinationFailed = true;
            throw;
        }

        OnWritten(count);
    }

    /// <summary>A block of <paramref name="count"/> bytes is about to be written to the destination; throw to refuse it.</summary>
    protected virtual void OnWriting(int count)
    {
    }

    /// <summary>The destination took the block of <paramref name="count"/> bytes.</summary>
    protected virtual void OnWritten(int count)
    {
    }

    private async Task AwaitFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            DestinationFailed = true;
            throw;
        }
    }
}
