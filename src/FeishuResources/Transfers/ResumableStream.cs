using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Internal;

namespace FeishuResources.Transfers;

/// <summary>
/// The bytes [start, limit) of a resource, read from a sequence of responses: the first response,
/// then, when its connection drops or it ends early, <c>Range</c> requests that continue exactly where
/// it stopped; in chunked mode (resources the platform refuses whole) one <c>Range</c> request per chunk.
/// Every part is checked against its <c>Content-Range</c> and read no further than its range.
/// </summary>
internal sealed class ResumableStream : ReadOnlyStream
{
    private readonly RangeRequester _requester;
    private readonly int? _chunkSize;
    private readonly int _maxAttempts;
    private readonly long _start;
    /// <summary>Receives the one byte read to prove a part has ended; nobody reads it, so one array serves every stream.</summary>
    private static readonly byte[] Probe = new byte[1];
    /// <summary>Guards what Dispose, called from any thread, takes away: the parts, the request in flight, the slices.</summary>
    private readonly object _gate = new();
    private readonly ResumableStream? _parent;
    private List<ResumableStream>? _slices;
    private CancellationTokenSource? _opening;
    private BodyPart? _part;
    private BodyPart? _pendingRestart;
    private long _position;
    private long? _limit;
    private long? _total;
    private long _highWater;
    private int _failures;
    private volatile bool _disposed;

    /// <param name="requester">Fetches the ranges.</param>
    /// <param name="first">The response already open at <paramref name="start"/>, or null to request it.</param>
    /// <param name="start">The offset of the first byte this stream hands out.</param>
    /// <param name="total">The resource's length, when known.</param>
    /// <param name="limit">The offset just past the last byte, when known: the total, or a slice's end.</param>
    /// <param name="chunkSize">Bytes per request in chunked mode; null to ask for everything that is left.</param>
    /// <param name="maxAttempts">Consecutive resumes allowed without new bytes in between.</param>
    public ResumableStream(RangeRequester requester, BodyPart? first, long start, long? total, long? limit, int? chunkSize, int maxAttempts)
        : this(requester, first, start, total, limit, chunkSize, maxAttempts, parent: null)
    {
    }

    private ResumableStream(RangeRequester requester, BodyPart? first, long start, long? total, long? limit, int? chunkSize, int maxAttempts, ResumableStream? parent)
    {
        _parent = parent;
        _requester = requester;
        _part = first;
        _start = start;
        _position = start;
        _highWater = start;
        _total = total;
        _limit = limit;
        _chunkSize = chunkSize;
        _maxAttempts = maxAttempts;
        LogId = first?.LogId;
    }

    /// <summary>Bytes per request when this stream fetches the resource in <c>Range</c> chunks; otherwise null.</summary>
    public int? ChunkSize => _chunkSize;

    /// <summary>The resource's length, once known.</summary>
    public long? Total => _total;

    /// <summary>The log id of the latest response.</summary>
    public string? LogId { get; private set; }

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public RangeRequester Requester => _requester;

    /// <summary>
    /// A stream of the bytes [<paramref name="start"/>, <paramref name="end"/>) of the same resource, fetched with
    /// its own requests. Disposing this stream disposes its slices, so disposing the download stops a parallel save too.
    /// </summary>
    public ResumableStream Slice(long start, long end)
    {
        var slice = new ResumableStream(_requester, null, start, _total, end, _chunkSize, _maxAttempts, this);
        lock (_gate)
        {
            if (!_disposed)
            {
                (_slices ??= new List<ResumableStream>()).Add(slice);
                return slice;
            }
        }

        throw Disposed();
    }

    /// <summary>Stops this stream at <paramref name="limit"/>, so another reader can fetch the rest.</summary>
    public void EndAt(long limit) => _limit = _limit is long current ? Math.Min(current, limit) : limit;

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
            _part = _pendingRestart;
            _pendingRestart = null;
        }

        replaced?.Dispose();
        _position = 0;
        return true;
    }

    /// <summary>
    /// Reads the connection synchronously, so a synchronous reader (a <c>StreamReader</c>, a decoder) needs no
    /// thread-pool thread to make progress. Only a new request — a resume, the next chunk — waits for async
    /// code, since the handlers every request goes through are asynchronous.
    /// </summary>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValueTask<int> reading = ReadCoreAsync(new Memory<byte>(buffer, offset, count), synchronous: true, CancellationToken.None);
        return reading.IsCompleted ? reading.GetAwaiter().GetResult() : reading.AsTask().GetAwaiter().GetResult();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadCoreAsync(new Memory<byte>(buffer, offset, count), synchronous: false, cancellationToken).AsTask();

#if NET
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ReadCoreAsync(buffer, synchronous: false, cancellationToken);
#endif

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            BodyPart? part, pending;
            CancellationTokenSource? opening;
            List<ResumableStream>? slices;
            lock (_gate)
            {
                _disposed = true;
                (part, _part) = (_part, null);
                (pending, _pendingRestart) = (_pendingRestart, null);
                (slices, _slices) = (_slices, null);
                opening = _opening;
            }

            // Outside the lock: cancelling runs the request's callbacks, and they may finish the request on this thread.
            CancelOpening(opening);
            part?.Dispose();
            pending?.Dispose();
            slices?.ForEach(slice => slice.Dispose());
            _parent?.Forget(this);
        }

        base.Dispose(disposing);
    }

#if NET
    // Called once per network read: a pooled state machine keeps a long body from allocating per read.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool synchronous, CancellationToken cancellationToken)
    {
        if (buffer.Length == 0)
        {
            return 0;
        }

        while (await NextPartAsync(synchronous, cancellationToken).ConfigureAwait(false) is BodyPart part)
        {
            int wanted = part.End is long end ? (int)Math.Min(buffer.Length, end - _position) : buffer.Length;
            if (_limit is long limit)
            {
                wanted = (int)Math.Min(wanted, limit - _position);
            }

            int read;
            try
            {
                read = synchronous
                    ? part.Body.ReadMemory(buffer.Slice(0, wanted))
                    : await part.Body.ReadMemoryAsync(buffer.Slice(0, wanted), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex is not FeishuDownloadException)
            {
                Dropped(ex);
                continue;
            }

            if (read > 0)
            {
                Advance(read);
                return read;
            }

            if (part.End is null)
            {
                // A whole body of undeclared length ends when the connection says so.
                _limit = _position;
                return 0;
            }

            Dropped(null);
        }

        return 0;
    }

    /// <summary>
    /// Copies each part with its network stream's own copy, which writes straight from the connection's
    /// buffer instead of through a read buffer of ours; a part that drops is resumed exactly as a read would
    /// resume it. A part reaching past where this stream must stop (a slice for parallel writers) is read
    /// block by block instead, since a copy cannot be told where to stop.
    /// </summary>
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        var advancing = new AdvancingDestination(destination, this);
        while (await NextPartAsync(synchronous: false, cancellationToken).ConfigureAwait(false) is BodyPart part)
        {
            if (_limit is long limit && (part.End ?? long.MaxValue) > limit)
            {
                await base.CopyToAsync(destination, bufferSize, cancellationToken).ConfigureAwait(false);
                return;
            }

            try
            {
                await part.Body.CopyToAsync(advancing, bufferSize, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex is not FeishuDownloadException && !advancing.DestinationFailed)
            {
                if (part.End is long end && _position >= end)
                {
                    // All promised bytes arrived; a connection closing abruptly after them loses nothing.
                    FinishPart(part);
                    continue;
                }

                Dropped(ex);
                continue;
            }

            if (part.End is null)
            {
                _limit = _position;
                return;
            }

            if (_position < part.End)
            {
                Dropped(null);
                continue;
            }

            // The copy ran to the end of the part's body, so there is no extra byte left to look for.
            FinishPart(part);
        }
    }

    /// <summary>
    /// The part the next bytes come from: the current one until all its bytes were handed out, then a new
    /// one; null once the limit is reached.
    /// </summary>
    /// <param name="synchronous">Probe a finished part with a synchronous read: the task then completes at once unless a new request is needed.</param>
    /// <param name="cancellationToken">Cancels the probe and the request.</param>
    private async ValueTask<BodyPart?> NextPartAsync(bool synchronous, CancellationToken cancellationToken)
    {
        // Disposed while a read or copy was under way: its failure is not a drop to resume from.
        if (_disposed)
        {
            throw Disposed();
        }

        if (_part is { End: long partEnd } finished && _position >= partEnd)
        {
            await EnsureEndedAsync(finished, synchronous, cancellationToken).ConfigureAwait(false);
            finished.Dispose();
            _part = null;
        }

        if (_position >= _limit)
        {
            return null;
        }

        if (_part is null)
        {
            Keep(await OpenAsync(cancellationToken).ConfigureAwait(false), ref _part);
        }

        return _part;
    }

    /// <summary>
    /// Stores a response that arrived, unless the stream was disposed while it was awaited: then it is
    /// released at once, never read.
    /// </summary>
    private void Keep(BodyPart part, ref BodyPart? slot)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                slot = part;
                return;
            }
        }

        part.Dispose();
        throw Disposed();
    }

    private static ObjectDisposedException Disposed() => new(nameof(FeishuDownload), "The download was disposed while its body was being read.");

    private static void CancelOpening(CancellationTokenSource? opening)
    {
        try
        {
            opening?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The request finished on its own meanwhile.
        }
    }

    private void Forget(ResumableStream slice)
    {
        lock (_gate)
        {
            _slices?.Remove(slice);
        }
    }

    private void FinishPart(BodyPart part)
    {
        part.Dispose();
        _part = null;
    }

    private void Advance(int read)
    {
        _requester.Telemetry?.AddBytes(read);
        _position += read;
        if (_position > _highWater)
        {
            _highWater = _position;
            _failures = 0;
        }
    }

    /// <summary>The part's connection failed or ended early: count it, and resume unless attempts ran out.</summary>
    private void Dropped(IOException? cause)
    {
        if (_disposed)
        {
            throw Disposed();
        }

        _part?.Dispose();
        _part = null;
        if (++_failures > _maxAttempts)
        {
            throw FeishuDownloadException.Truncated(_requester.ResourceKey, _position - _start, _limit - _start, LogId, cause);
        }
    }

    /// <summary>A part that sent more than its range is lying about something: fail rather than guess.</summary>
    private async ValueTask EnsureEndedAsync(BodyPart part, bool synchronous, CancellationToken cancellationToken)
    {
        int extra;
        try
        {
            extra = synchronous ? part.Body.ReadMemory(Probe) : await part.Body.ReadMemoryAsync(Probe, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex is not FeishuDownloadException)
        {
            // All promised bytes arrived; a connection closing abruptly after them loses nothing.
            return;
        }

        if (extra > 0)
        {
            throw FeishuDownloadException.Overrun(_requester.ResourceKey, _position - _start + extra, (part.End ?? _position) - _start, LogId);
        }
    }

    private async Task<BodyPart> OpenAsync(CancellationToken cancellationToken)
    {
        // A whole body resumes with everything that is left (bytes=N-). Chunks keep to their grid, so a
        // chunk resumed midway asks only for its own rest, and never reach past the limit.
        long? to = null;
        if (_chunkSize is int chunk && _limit is long limit)
        {
            long chunkEnd = _start + (((_position - _start) / chunk) + 1) * chunk;
            to = Math.Min(chunkEnd, limit) - 1;
        }

        BodyPart part;
        using (var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            // Dispose cancels the request in flight through this source, closing its connection.
            lock (_gate)
            {
                if (_disposed)
                {
                    throw Disposed();
                }

                _opening = opening;
            }

            try
            {
                part = await _requester.GetAsync(_position, to, Total, _position - _start, resume: _failures > 0, opening.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (_disposed && !cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException("The download was disposed while the request for the rest of its body was in flight.", ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or FeishuApiException or IOException or TimeoutException && ex is not FeishuDownloadException)
            {
                throw FeishuDownloadException.PartFailed(_requester.ResourceKey, _position - _start, _limit - _start, LogId, ex);
            }
            finally
            {
                lock (_gate)
                {
                    _opening = null;
                }
            }
        }

        LogId = part.LogId ?? LogId;
        if (part.IsWhole)
        {
            return AcceptWhole(part);
        }

        if (_total is null && part.Total is long total)
        {
            _total = total;
            _limit ??= total;
        }

        return part;
    }

    /// <summary>
    /// A 200 to a range request. From the first byte it is simply a fresh start; later, bytes already handed
    /// out cannot be taken back, so reading fails — but the body is kept for a save to start over with.
    /// </summary>
    private BodyPart AcceptWhole(BodyPart whole)
    {
        if (_start == 0 && (whole.Total is null || _total is null || whole.Total == _total))
        {
            if (_position == 0)
            {
                return whole;
            }

            _pendingRestart?.Dispose();
            Keep(whole, ref _pendingRestart);
        }
        else
        {
            whole.Dispose();
        }

        throw FeishuDownloadException.RangeWasIgnored(_requester.ResourceKey, _position - _start, _limit - _start, LogId);
    }

    /// <summary>Hands out each block the network copies: counted, and refused when it runs past its part.</summary>
    private sealed class AdvancingDestination : CopyObserver
    {
        private readonly ResumableStream _owner;

        public AdvancingDestination(Stream destination, ResumableStream owner)
            : base(destination)
        {
            _owner = owner;
        }

        protected override void OnWriting(int count)
        {
            if (_owner._part?.End is long end && _owner._position + count > end)
            {
                throw FeishuDownloadException.Overrun(_owner._requester.ResourceKey, _owner._position - _owner._start + count, end - _owner._start, _owner.LogId);
            }

            _owner.Advance(count);
        }
    }
}
