using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Internal;

namespace FeishuResources.Transfers;

/// <summary>
/// Fails a read that sees no byte for the idle timeout, so a stalled body is detected while a long
/// body that keeps flowing is never cut off. One timer per body is armed while a read is pending; when
/// it fires, the pending read is cancelled and surfaces as an <see cref="IOException"/>, which resumption
/// treats like a dropped connection.
/// </summary>
/// <remarks>
/// Reads are cancelled through a token rather than by disposing the network stream, because disposing
/// does not abort a pending read on every handler. The token linking the caller's token is made once
/// per caller token and reused, so reading allocates nothing per call. A read that completes at once
/// (bytes already buffered) cannot stall, so the timer is neither touched nor, for a small body that
/// arrives with its headers, even made.
/// </remarks>
internal sealed partial class IdleTimeoutStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stall = new();
    private ITimer? _watchdog;
    private CancellationTokenSource? _linked;
    private CancellationToken _linkedFor;
    private volatile bool _readingSynchronously;
    private bool _copyWaited;
    private bool _writing;

    public IdleTimeoutStream(Stream inner, TimeSpan timeout, TimeProvider timeProvider)
    {
        _inner = inner;
        _timeout = timeout;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Reads the network stream synchronously: blocking on its async read would need a thread-pool thread
    /// to complete it, and a starved pool would never provide one. A synchronous read cannot be cancelled
    /// through a token, so a stall ends it by disposing the stream beneath.
    /// </summary>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfStalled();
        _readingSynchronously = true;
        Arm();
        try
        {
            return _inner.Read(buffer, offset, count);
        }
        catch (Exception ex) when (IsStall(ex, CancellationToken.None))
        {
            throw StalledError(ex);
        }
        finally
        {
            _readingSynchronously = false;
            Pause();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadCoreAsync(new Memory<byte>(buffer, offset, count), cancellationToken).AsTask();

#if NET
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ReadCoreAsync(buffer, cancellationToken);
#endif

#if NET
    // Called once per network read: a pooled state machine keeps a long body from allocating per read.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        CancellationToken token = ReadToken(cancellationToken);
        // Stryker disable once Boolean : equivalent — pausing when the read did not arm only pauses a timer that is paused or not yet made.
        bool armed = false;
        try
        {
            ValueTask<int> reading = _inner.ReadMemoryAsync(buffer, token);
            if (!reading.IsCompleted)
            {
                Arm();
                armed = true;
            }

            return await reading.ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStall(ex, cancellationToken))
        {
            throw StalledError(ex);
        }
        catch (OperationCanceledException ex) when (IsCallersCancellation(ex, cancellationToken))
        {
            throw CallerCancelled(ex, cancellationToken);
        }
        finally
        {
            if (armed)
            {
                Pause();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Stryker disable once Statement : equivalent — only frees a timer that nothing fires once the stream is disposed.
            _watchdog?.Dispose();
            _inner.Dispose();
            // Stryker disable once Statement : equivalent — only frees a linked token source without a timer; an undisposed one is collected.
            _linked?.Dispose();
            // Stryker disable once Statement : equivalent — only frees a token source without a timer; an undisposed one is collected.
            _stall.Dispose();
        }

        // Stryker disable once Statement : equivalent — Stream.Dispose(bool) is empty.
        base.Dispose(disposing);
    }

    /// <summary>The token the read must observe: the caller's and the stall's together.</summary>
    private CancellationToken ReadToken(CancellationToken callerToken)
    {
        ThrowIfStalled();

        // Stryker disable once Block : equivalent — without the shortcut, a token that cannot be cancelled is linked with the stall token, which cancels the read the same way.
        if (!callerToken.CanBeCanceled)
        {
            return _stall.Token;
        }

        // Stryker disable once Equality : equivalent — relinking when a source exists makes another linked source over the same two tokens.
        if (_linked is null || _linkedFor != callerToken)
        {
            // Stryker disable once Statement : equivalent — only frees the replaced linked source (no timer); an undisposed one is collected.
            _linked?.Dispose();
            _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _stall.Token);
            _linkedFor = callerToken;
        }

        return _linked.Token;
    }

    /// <summary>A body that stalled once stays failed: the next read must not wait on a connection given up on.</summary>
    private void ThrowIfStalled()
    {
        if (_stall.IsCancellationRequested)
        {
            throw StalledError(null);
        }
    }

    private void Arm()
    {
        // Stryker disable once Assignment : equivalent — a new timer each time leaves the previous one paused (every read pauses what it armed), so it never fires.
        _watchdog ??= _timeProvider.CreateTimer(static state => ((IdleTimeoutStream)state!).OnStalled(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watchdog.Change(_timeout, Timeout.InfiniteTimeSpan);
    }

    private void Pause() => _watchdog?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void OnStalled()
    {
        try
        {
            _stall.Cancel();
            if (_readingSynchronously)
            {
                _inner.Dispose();
            }
        }
        catch (ObjectDisposedException)
        {
            // The body was disposed while the timer fired: nothing is reading any more.
        }
    }

    private bool IsStall(Exception exception, CancellationToken callerToken)
        => _stall.IsCancellationRequested && !callerToken.IsCancellationRequested && exception is OperationCanceledException or IOException or ObjectDisposedException;

    /// <summary>
    /// The caller cancelled, but the read saw the linked token: code that compares the exception's token with its
    /// own (as with any other stream) must find its own.
    /// </summary>
    private static bool IsCallersCancellation(OperationCanceledException exception, CancellationToken callerToken)
        => callerToken.IsCancellationRequested && exception.CancellationToken != callerToken;

    private static OperationCanceledException CallerCancelled(OperationCanceledException exception, CancellationToken callerToken)
        => new(exception.Message, exception, callerToken);

    private IOException StalledError(Exception? inner)
        => new(string.Format(CultureInfo.InvariantCulture, "No data arrived for {0:0.###} s (FeishuTimeoutOptions.BodyIdleTimeout); the download stalled.", _timeout.TotalSeconds), inner);
}
