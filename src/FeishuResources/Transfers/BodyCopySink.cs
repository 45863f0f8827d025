using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Transfers;

/// <summary>
/// Where <see cref="ResumableBodyStream"/>'s copy loop points the network stream's own <c>CopyToAsync</c>, which
/// writes straight from the connection's buffer: each block is checked and counted by the body before the
/// caller's destination gets it, reported as progress after, and the idle watch pauses while the destination
/// takes it. The body's private helper, never a layer of its own: the one destination of one copy.
/// </summary>
/// <remarks>
/// A failure of the destination (a full disk, a closed pipe) is remembered in <see cref="DestinationFailed"/>,
/// so the copy loop can tell it from a dropped connection and never resumes because the caller's stream broke.
/// </remarks>
internal sealed class BodyCopySink : Stream
{
    private readonly Stream _destination;
    private readonly ResumableBodyStream _body;
    private readonly ProgressReporter _reporter;

    public BodyCopySink(Stream destination, ResumableBodyStream body, ProgressReporter reporter)
    {
        _destination = destination;
        _body = body;
        _reporter = reporter;
    }

    /// <summary>The idle watch of the part being copied, paused while the destination is busy.</summary>
    public IdleTimeoutStream? Watch { get; set; }

    /// <summary>The bytes the destination took.</summary>
    public long Written { get; private set; }

    /// <summary>True once a write to the destination threw.</summary>
    public bool DestinationFailed { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
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

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Task flushing;
        try
        {
            flushing = _destination.FlushAsync(cancellationToken);
        }
        catch
        {
            DestinationFailed = true;
            throw;
        }

        return AwaitDestinationAsync(new ValueTask(flushing), 0).AsTask();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Taking(count);
        try
        {
            _destination.Write(buffer, offset, count);
        }
        catch
        {
            DestinationFailed = true;
            throw;
        }

        Took(count);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Taking(count);
        return WriteToDestinationAsync(buffer, offset, count, cancellationToken).AsTask();
    }

#if NET
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Taking(buffer.Length);
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

        return Completed(writing, buffer.Length);
    }
#endif

    /// <summary>Writes a block the body already counted (read block by block): only the destination and the progress see it.</summary>
    public ValueTask WriteCountedAsync(byte[] buffer, int count, CancellationToken cancellationToken)
        => WriteToDestinationAsync(buffer, 0, count, cancellationToken);

    private ValueTask WriteToDestinationAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
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

        return Completed(new ValueTask(writing), count);
    }

    private void Taking(int count)
    {
        Watch?.PauseForWrite();
        _body.Accept(count);
    }

    private void Took(int count)
    {
        Watch?.ResumeAfterWrite();
        Written += count;
        _reporter.Advance(Written);
    }

    private ValueTask Completed(ValueTask writing, int count)
    {
        if (writing.IsCompletedSuccessfully)
        {
            Took(count);
            return default;
        }

        return AwaitDestinationAsync(writing, count);
    }

#if NET
    // Called for every block a slow destination cannot take at once: pooled, so a long copy does not allocate per block.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask AwaitDestinationAsync(ValueTask writing, int count)
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

        if (count > 0)
        {
            Took(count);
        }
    }
}
