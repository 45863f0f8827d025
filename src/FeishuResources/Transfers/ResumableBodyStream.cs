using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Internal;

namespace FeishuResources.Transfers;

/// <summary>
/// The body of a download, as <see cref="FeishuDownload.Content"/> hands it out: the bytes [start, end) of a
/// resource, read once and forward only, from a sequence of responses. When a response drops or ends early,
/// <see cref="OpenAtAsync"/> asks for the body from the byte where it stopped; a resource fetched in chunks
/// gets one <c>Range</c> request per chunk the same way. It owns the position and every length check: no
/// byte past a part's range, the resource's length or the size limit is handed out, and a body ending early
/// fails once its resumes run out.
/// </summary>
/// <remarks>
/// Copies keep the network stream's own <c>CopyToAsync</c>, which writes straight from the connection's
/// buffer: <see cref="BodyCopySink"/> sees each block on its way, so the same checks and the progress run in
/// this stream's copy loop. Synchronous reads stay synchronous down to the socket, and on .NET 8+ send a resume
/// or chunk request synchronously too (every SDK handler has a synchronous path).
/// </remarks>
internal sealed partial class ResumableBodyStream : ReadOnlyStream
{
    /// <summary>Receives the one byte read to prove a part has ended; nobody reads it, so one array serves every stream.</summary>
    private static readonly byte[] Probe = new byte[1];

    private readonly RangeRequester? _requester;
    private readonly long _start;
    private readonly bool _isSlice;
    /// <summary>Guards what Dispose, called from any thread, takes away: the parts and the lifetime.</summary>
    private readonly object _gate = new();
    private CancellationTokenSource? _lifetime;
    private BodyPart? _part;
    private BodyPart? _pendingRestart;
    private long _position;
    private long? _end;
    private long _highWater;
    private int _failures;
    private volatile bool _disposed;

    /// <param name="requester">Opens the ranges; null when the body cannot be resumed.</param>
    /// <param name="first">The response already open at <paramref name="start"/>, or null to request it.</param>
    /// <param name="rules">Limits, resumes, chunking and telemetry of the download.</param>
    /// <param name="start">The offset of the first byte this stream hands out.</param>
    /// <param name="total">The resource's length, when known.</param>
    /// <param name="end">The offset just past the last byte, when known: the total, or a slice's end.</param>
    public ResumableBodyStream(RangeRequester? requester, BodyPart? first, BodyRules rules, long start, long? total, long? end)
        : this(requester, first, rules, start, total, end, lifetime: null)
    {
    }

    private ResumableBodyStream(RangeRequester? requester, BodyPart? first, BodyRules rules, long start, long? total, long? end, CancellationTokenSource? lifetime)
    {
        _requester = requester;
        _part = first;
        Rules = rules;
        _start = start;
        _position = start;
        _highWater = start;
        Total = total;
        _end = end;
        _lifetime = lifetime;
        _isSlice = lifetime is not null;
        LogId = first?.LogId;
    }

    public BodyRules Rules { get; }

    /// <summary>The resource's length, once known.</summary>
    public long? Total { get; private set; }

    /// <summary>The log id of the latest response.</summary>
    public string? LogId { get; private set; }

    public override long Length => Total ?? throw new NotSupportedException("The server did not declare the length of this download.");

    // Stryker disable once Arithmetic : equivalent — only FeishuDownload.Content exposes Position, and it starts at byte 0; nothing reads a slice's.
    public override long Position
    {
        get => _position - _start;
        set => throw new NotSupportedException();
    }

    /// <summary>Cancelled when the download is disposed: slices and the requests of this body observe it.</summary>
    public CancellationToken DisposalToken => Lifetime().Token;

    /// <summary>Made on first need: a body read without resumes or slices never pays for it.</summary>
    private CancellationTokenSource Lifetime()
    {
        lock (_gate)
        {
            return IsDisposed ? throw Disposed() : _lifetime ??= new CancellationTokenSource();
        }
    }

    private bool IsDisposed => _disposed || (_isSlice && _lifetime!.IsCancellationRequested);

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValueTask<int> reading = ReadCoreAsync(new Memory<byte>(buffer, offset, count), synchronous: true, claimed: false, CancellationToken.None);
        return reading.IsCompleted ? reading.GetAwaiter().GetResult() : reading.AsTask().GetAwaiter().GetResult();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadCoreAsync(new Memory<byte>(buffer, offset, count), synchronous: false, claimed: false, cancellationToken).AsTask();

#if NET
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ReadCoreAsync(buffer, synchronous: false, claimed: false, cancellationToken);
#endif

    /// <summary>A read for the copy or save that claimed the body with <see cref="TryTakeWhole"/>; it reports the outcome itself.</summary>
    public ValueTask<int> ReadClaimedAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        => ReadCoreAsync(buffer, synchronous: false, claimed: true, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            BodyPart? part, pending;
            CancellationTokenSource? lifetime;
            lock (_gate)
            {
                bool first = !_disposed;
                _disposed = true;
                (part, _part) = (_part, null);
                (pending, _pendingRestart) = (_pendingRestart, null);
                lifetime = first && !_isSlice ? _lifetime : null;
            }

            // Outside the lock: cancelling runs the requests' callbacks, and they may finish a request on this thread.
            Cancel(lifetime);
            part?.Dispose();
            pending?.Dispose();
            if (!_isSlice)
            {
                Rules.Telemetry?.Disposed();
            }
        }

        // Stryker disable once Statement : equivalent — the base's Dispose(bool) is Stream's, which does nothing.
        base.Dispose(disposing);
    }

#if NET
    // Called once per network read: a pooled state machine keeps a long body from allocating per read.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool synchronous, bool claimed, CancellationToken cancellationToken)
    {
        if (!claimed)
        {
            ThrowIfClaimed();
            Taking(buffer.Length);
        }

        if (buffer.Length == 0)
        {
            return 0;
        }

        try
        {
            while (await NextPartAsync(synchronous, cancellationToken).ConfigureAwait(false) is BodyPart part)
            {
                int wanted = (int)Math.Min(buffer.Length, Math.Min(part.End ?? long.MaxValue, _end ?? long.MaxValue) - _position);
                int read = part.ReadPrefix(buffer.Span.Slice(0, wanted));
                try
                {
                    read = read > 0 ? read : synchronous
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
                    _end = _position;
                    // Stryker disable once Statement : equivalent — without the break, the next NextPartAsync returns null at once, as _position >= _end now.
                    break;
                }

                Dropped(null);
            }
        }
        catch (Exception ex) when (!claimed && Report(ex))
        {
            throw;
        }

        if (!claimed)
        {
            ReportEnd();
        }

        return 0;
    }
}
