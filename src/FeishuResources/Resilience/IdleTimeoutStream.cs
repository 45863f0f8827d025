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
/// body that keeps flowing is never cut off. One timer per download is re-armed around each read (no
/// per-read allocation); when it fires, the network stream is disposed to abort the pending read,
/// which then surfaces as an <see cref="IOException"/> that resumption treats like a dropped connection.
/// </summary>
internal sealed class IdleTimeoutStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly TimeSpan _timeout;
    private readonly ITimer _watchdog;
    private int _stalled;

    public IdleTimeoutStream(Stream inner, TimeSpan timeout, TimeProvider timeProvider)
    {
        _inner = inner;
        _timeout = timeout;
        _watchdog = timeProvider.CreateTimer(static state => ((IdleTimeoutStream)state!).OnStalled(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        Arm();
        try
        {
            return _inner.Read(buffer, offset, count);
        }
        catch (Exception ex) when (IsStall(ex))
        {
            throw StalledError(ex);
        }
        finally
        {
            Disarm();
        }
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Arm();
        try
        {
            return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStall(ex))
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
        Arm();
        try
        {
            return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStall(ex))
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
        }

        base.Dispose(disposing);
    }

    private void Arm()
    {
        if (Volatile.Read(ref _stalled) != 0)
        {
            throw StalledError(null);
        }

        _watchdog.Change(_timeout, Timeout.InfiniteTimeSpan);
    }

    private void Disarm() => _watchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private void OnStalled()
    {
        Volatile.Write(ref _stalled, 1);
        _inner.Dispose();
    }

    private bool IsStall(Exception exception) => Volatile.Read(ref _stalled) != 0 && exception is not OperationCanceledException { CancellationToken.IsCancellationRequested: true };

    private IOException StalledError(Exception? inner)
        => new(string.Format(CultureInfo.InvariantCulture, "No data arrived for {0:0.###} s (FeishuTimeoutOptions.BodyIdleTimeout); the download stalled.", _timeout.TotalSeconds), inner);
}
