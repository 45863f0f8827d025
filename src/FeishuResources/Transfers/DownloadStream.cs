using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Internal;

namespace FeishuResources.Transfers;

/// <summary>
/// The body of one download as it comes off the network: read-only and forward-only, counting bytes so
/// that a body shorter or longer than its declared length, or one growing past the size limit, fails
/// loudly instead of passing as complete.
/// </summary>
internal sealed class DownloadStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly long? _expectedLength;
    private readonly string _resourceKey;
    private readonly string? _logId;
    private readonly long? _maxBytes;
    private readonly DownloadTelemetry? _telemetry;
    private long _position;
    private int _taken;
    private volatile bool _claimed;

    public DownloadStream(Stream inner, long? expectedLength, string resourceKey, string? logId, long? maxBytes = null, DownloadTelemetry? telemetry = null)
    {
        _telemetry = telemetry;
        _maxBytes = maxBytes;
        _inner = inner;
        _expectedLength = expectedLength;
        _resourceKey = resourceKey;
        _logId = logId;
    }

    /// <summary>The resumable source beneath, when the download came from a client rather than a test double.</summary>
    public ResumableStream? Resumable => _inner as ResumableStream;

    public override long Length => _expectedLength ?? throw new NotSupportedException("The server did not declare the length of this download.");

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Claims the whole body for one copy or save: false when any of it was already read, asked for, or
    /// claimed, since the bytes gone by cannot be handed out again.
    /// </summary>
    public bool TryTakeWhole()
    {
        if (Interlocked.Exchange(ref _taken, 1) != 0 || _position != 0)
        {
            return false;
        }

        _claimed = true;
        return true;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfClaimed();
        Taking(count);
        try
        {
            return Account(_inner.Read(buffer, offset, count), count);
        }
        catch (Exception ex) when (IsDropAfterReporting(ex))
        {
            throw FeishuDownloadException.Truncated(_resourceKey, _position, _expectedLength, _logId, ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadCoreAsync(new Memory<byte>(buffer, offset, count), cancellationToken).AsTask();

#if NET
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ReadCoreAsync(buffer, cancellationToken);
#endif

    /// <summary>
    /// Copies with the copy of the stream beneath, checking each block before the destination gets it; a
    /// failure of the destination itself is passed on as it is, never taken for a truncated body.
    /// </summary>
    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ThrowIfClaimed();
        return CopyClaimedToAsync(destination, bufferSize, cancellationToken);
    }

    /// <summary>The copy of the download's own copy or save, which claimed the body with <see cref="TryTakeWhole"/>.</summary>
    public async Task CopyClaimedToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        // Checked before a byte is taken off the network: a copy that fails on its arguments halfway would lose what it read.
        Guard.NotNull(destination, nameof(destination));
        if (bufferSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "The buffer size must be positive.");
        }

        if (!destination.CanWrite)
        {
            throw new NotSupportedException("The destination stream does not support writing.");
        }

        Taking(bufferSize);
        var checking = new CheckingDestination(destination, this);
        try
        {
            await _inner.CopyToAsync(checking, bufferSize, cancellationToken).ConfigureAwait(false);

            // The copy returned, so the body ended: account for its end as a read of nothing would.
            Account(0, 1);
        }
        catch (Exception ex) when (!checking.DestinationFailed && IsDropAfterReporting(ex))
        {
            throw FeishuDownloadException.Truncated(_resourceKey, _position, _expectedLength, _logId, ex);
        }
    }

#if NET
    // Called once per network read: a pooled state machine keeps a long body from allocating per read.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ThrowIfClaimed();
        Taking(buffer.Length);
        try
        {
            return Account(await _inner.ReadMemoryAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);
        }
        catch (Exception ex) when (IsDropAfterReporting(ex))
        {
            throw FeishuDownloadException.Truncated(_resourceKey, _position, _expectedLength, _logId, ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _telemetry?.Disposed();
        }

        base.Dispose(disposing);
    }

    /// <summary>Starts over from the first byte with the whole body a resume request brought instead of a range.</summary>
    public bool TryRestartFromFirstByte()
    {
        if (Resumable?.TryRestartFromFirstByte() != true)
        {
            return false;
        }

        _position = 0;
        return true;
    }

    /// <summary>
    /// Once a copy or save owns the body, a read of <c>Content</c> (from another thread, or from the copy's own
    /// progress callback) would take bytes the destination then lacks, while the body still counts as complete.
    /// </summary>
    private void ThrowIfClaimed()
    {
        if (_claimed)
        {
            throw new InvalidOperationException("The body of this download is being copied or saved (or was), and it can be read once: read Content, or copy or save the download, not both.");
        }
    }

    /// <summary>A read that asks for bytes takes the body, even when it gets none: an ended body is taken too.</summary>
    private void Taking(int requested)
    {
        if (requested > 0 && _taken == 0)
        {
            Volatile.Write(ref _taken, 1);
        }
    }

    /// <summary>Counts a read; only a read that asked for bytes and got none marks the end of the body.</summary>
    private int Account(int read, int requested)
    {
        _position += read;
        bool ended = read == 0 && requested > 0;
        if (_maxBytes is long max && _position > max)
        {
            throw FeishuDownloadException.LimitExceeded(_resourceKey, _position, _expectedLength, max, _logId);
        }

        if (_expectedLength is long expected)
        {
            if (_position > expected)
            {
                throw FeishuDownloadException.Overrun(_resourceKey, _position, expected, _logId);
            }

            if (ended && _position < expected)
            {
                throw FeishuDownloadException.Truncated(_resourceKey, _position, expected, _logId, null);
            }
        }

        if (ended)
        {
            _telemetry?.Completed();
        }

        return read;
    }

    /// <summary>
    /// Reports a failed read to the download's telemetry; true when it is a dropped connection, which
    /// surfaces as a truncation.
    /// </summary>
    private bool IsDropAfterReporting(Exception exception)
    {
        _telemetry?.BodyFailed(exception);
        return exception is IOException and not FeishuDownloadException;
    }

    /// <summary>Counts and checks each block a copy hands out before the destination gets it.</summary>
    private sealed class CheckingDestination : CopyObserver
    {
        private readonly DownloadStream _owner;

        public CheckingDestination(Stream destination, DownloadStream owner)
            : base(destination)
        {
            _owner = owner;
        }

        protected override void OnWriting(int count) => _owner.Account(count, count);
    }
}
