using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Internal;

namespace FeishuResources.Transfers;

/// <summary>What copies and saves use: the claim on the whole body, the copy loop, slices for parallel chunks, and the restart after a 200.</summary>
internal sealed partial class ResumableBodyStream
{
    private int _taken;
    private volatile bool _claimed;

    /// <summary>
    /// Claims the whole body for one copy or save: false when any of it was already read, asked for, or
    /// claimed, since the bytes gone by cannot be handed out again.
    /// </summary>
    public bool TryTakeWhole()
    {
        if (Interlocked.Exchange(ref _taken, 1) != 0 || _position != _start)
        {
            return false;
        }

        _claimed = true;
        return true;
    }

    /// <summary>True while nothing was read and the open response is a range (a 206): the server serves ranges, so the rest can be fetched in slices.</summary>
    // Stryker disable once Logical : equivalent — only the model factory's body has no requester, and its one part is whole; a save asks just after TryTakeWhole saw _position == _start.
    public bool StartsWithRange => _requester is not null && _position == _start && _part is { IsWhole: false };

    /// <summary>
    /// The bytes [<paramref name="start"/>, <paramref name="end"/>) of the same resource, fetched with their own
    /// requests; disposing this body stops them too.
    /// </summary>
    public ResumableBodyStream Slice(long start, long end)
        => new(_requester, null, Rules, start, Total, end, Lifetime()) { LogId = LogId };

    /// <summary>Stops this stream at <paramref name="end"/>, so other readers can fetch the rest.</summary>
    public void EndAt(long end) => _end = _end is long current ? Math.Min(current, end) : end;

    /// <summary>
    /// After a resume was answered with the whole body (<see cref="FeishuDownloadException.RangeIgnored"/>),
    /// continues with that body from the resource's first byte. False when there is no such body.
    /// </summary>
    public bool TryRestartFromFirstByte()
    {
        BodyPart? replaced;
        lock (_gate)
        {
            if (_pendingRestart is null || _start != 0 || _disposed)
            {
                return false;
            }

            replaced = _part;
            (_part, _pendingRestart) = (_pendingRestart, null);
        }

        // Stryker disable once Statement : equivalent — the ignored range was thrown by an OpenAtAsync that NextPartAsync calls only when _part is null, so no part is replaced.
        replaced?.Dispose();
        _position = 0;

        // A body whose first answer stated no length learns it from the whole one, or it would ask for bytes past the end.
        LearnTotal(_part!);
        return true;
    }

    /// <summary>Copies with the copy of the network stream beneath; arguments are checked before a byte is taken.</summary>
    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        Guard.NotNull(destination, nameof(destination));
        if (bufferSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "The buffer size must be positive.");
        }

        if (!destination.CanWrite)
        {
            throw new NotSupportedException("The destination stream does not support writing.");
        }

        ThrowIfClaimed();
        Taking(bufferSize);
        return CopyClaimedAsync(destination, bufferSize, ProgressReporter.None, cancellationToken).AsTask();
    }

    /// <summary>
    /// Copies the rest of the body to <paramref name="destination"/> and returns the bytes written: each part
    /// with its network stream's own copy, resumed exactly as a read would be when it drops. A failure of the
    /// destination itself is passed on as it is, never taken for a dropped connection.
    /// </summary>
    /// <remarks>A ValueTask: a small body is often copied without waiting, and then no task is allocated for its length.</remarks>
    public async ValueTask<long> CopyClaimedAsync(Stream destination, int bufferSize, ProgressReporter reporter, CancellationToken cancellationToken)
    {
        var sink = new BodyCopySink(destination, this, reporter);
        try
        {
            while (await NextPartAsync(synchronous: false, cancellationToken).ConfigureAwait(false) is BodyPart part)
            {
                if (_end < (part.End ?? long.MaxValue))
                {
                    // A copy cannot be told where to stop: a part reaching past this stream's end is read block by block.
                    sink.Watch = null;
                    await CopyByReadsAsync(sink, bufferSize, cancellationToken).ConfigureAwait(false);
                    return sink.Written;
                }

                sink.Watch = part.Body as IdleTimeoutStream;
                try
                {
                    ArraySegment<byte> peeked = part.TakePrefix();
                    if (peeked.Count > 0)
                    {
                        // Counted and checked like any block; the network copy then continues after it.
                        await sink.WriteAsync(peeked.Array!, peeked.Offset, peeked.Count, cancellationToken).ConfigureAwait(false);
                    }

                    await part.Body.CopyToAsync(sink, bufferSize, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex) when (ex is not FeishuDownloadException && !sink.DestinationFailed)
                {
                    if (part.End is long end && _position >= end)
                    {
                        // All promised bytes arrived; a connection closing abruptly after them loses nothing.
                        Finish(part);
                        continue;
                    }

                    Dropped(ex);
                    continue;
                }

                if (part.End is null)
                {
                    _end = _position;

                    // Stryker disable once Statement : equivalent — _end was just set to _position, so the next NextPartAsync returns null and the loop ends anyway.
                    break;
                }

                if (_position < part.End)
                {
                    Dropped(null);

                    // Stryker disable once Statement : equivalent — Dropped already disposed this part and cleared _part, all that the Finish below would do.
                    continue;
                }

                // The copy ran to the end of the part's body, so there is no extra byte left to look for.
                // Stryker disable once Statement : equivalent — without it the next NextPartAsync finishes the part, after a probe read that finds the end the copy already reached.
                Finish(part);
            }
        }
        catch (Exception ex) when (!sink.DestinationFailed && Report(ex))
        {
            throw;
        }

        ReportEnd();
        return sink.Written;
    }

    /// <summary>
    /// Takes a block the network copy is about to write: refused when it runs past the part or this stream's
    /// end, otherwise counted.
    /// </summary>
    internal void Accept(int count)
    {
        long end = Math.Min(_part?.End ?? long.MaxValue, _end ?? long.MaxValue);
        if (_position + count > end)
        {
            throw Overrun(_position + count, end);
        }

        Advance(count);
    }

    private async Task CopyByReadsAsync(BodyCopySink sink, int bufferSize, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            int read;
            while ((read = await ReadClaimedAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await sink.WriteCountedAsync(buffer, read, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Stryker disable once Statement : equivalent — the pool only saves an allocation; a buffer not returned is collected.
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
}
