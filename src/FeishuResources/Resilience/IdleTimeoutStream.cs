using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Internal;

namespace FeishuResources.Resilience;

/// <summary>
/// Fails a read that sees no byte for the idle timeout, so a stalled body is detected while a long
/// body that keeps flowing is never cut off. One timer per body is re-armed around each read; when it
/// fires, the pending read is cancelled and surfaces as an <see cref="IOException"/>, which resumption
/// treats like a dropped connection.
/// </summary>
/// <remarks>
/// Reads are cancelled through a token rather than by disposing the network stream, because disposing
/// does not abort a pending read on every handler. The token linking the caller's token is made once
/// per caller token and reused, so reading allocates nothing per call.
/// </remarks>
internal sealed class IdleTimeoutStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly TimeSpan _timeout;
    private readonly ITimer _watchdog;
    private readonly CancellationTokenSource _stall = new();
    private CancellationTokenSource? _linked;
    private CancellationToken _linkedFor;

    public IdleTimeoutStream(Stream inner, TimeSpan timeout, TimeProvider timeProvider)
    {
        _inner = inner;
        _timeout = timeout;
        _watchdog = timeProvider.CreateTimer(static state => ((IdleTimeoutStream)state!).OnStalled(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override int Read(byte[] buffer, int offset, int count)
        => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        CancellationToken token = Arm(cancellationToken);
        try
        {
            return await _inner.ReadAsync(buffer, offset, count, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStall(ex, cancellationToken))
        {
            throw StalledError(ex);
        }
        finally
        {
            Disarm();
        }
    }

#if NET
    // Called once per network read: a pooled state machine keeps a long body from allocating per read.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CancellationToken token = Arm(cancellationToken);
        try
        {
            return await _inner.ReadAsync(buffer, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStall(ex, cancellationToken))
        {
            throw StalledError(ex);
        }
        finally
        {
            Disarm();
        }
    }
#endif

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _watchdog.Dispose();
            _inner.Dispose();
            _linked?.Dispose();
            _stall.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Starts the watch and returns the token the read must observe: the caller's and the stall's together.</summary>
    private CancellationToken Arm(CancellationToken callerToken)
    {
        if (_stall.IsCancellationRequested)
        {
            throw StalledError(null);
        }

        _watchdog.Change(_timeout, Timeout.InfiniteTimeSpan);
        if (!callerToken.CanBeCanceled)
        {
            return _stall.Token;
        }

        if (_linked is null || _linkedFor != callerToken)
        {
            _linked?.Dispose();
            _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _stall.Token);
            _linkedFor = callerToken;
        }

        return _linked.Token;
    }

    private void Disarm() => _watchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void OnStalled()
    {
        try
        {
            _stall.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The body was disposed while the timer fired: nothing is reading any more.
        }
    }

    private bool IsStall(Exception exception, CancellationToken callerToken)
        => _stall.IsCancellationRequested && !callerToken.IsCancellationRequested && exception is OperationCanceledException or IOException or ObjectDisposedException;

    private IOException StalledError(Exception? inner)
        => new(string.Format(CultureInfo.InvariantCulture, "No data arrived for {0:0.###} s (FeishuTimeoutOptions.BodyIdleTimeout); the download stalled.", _timeout.TotalSeconds), inner);
}
