using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace FeishuResources.RateLimiting;

/// <summary>
/// A limiter that never lets more than N requests reach the server in ANY interval of a window's
/// length, for several windows at once (50 per second and 1000 per minute).
/// </summary>
/// <remarks>
/// <para>
/// It remembers each request's place in time, so, unlike a token bucket, it cannot start 100 within
/// one second after an idle spell. A place is anchored on when the request was last possibly at the
/// server: while the request is in flight its place blocks the window, and when its lease is disposed
/// (the response headers arrived) the place becomes that moment. A new request may start only when the
/// request N places back finished more than a window ago — so however long the network delayed the
/// earlier ones, the server cannot see N + 1 arrive within one window. <see cref="WindowLedger"/> does
/// that arithmetic; this file adds the lock and the <see cref="RateLimiter"/> surface, the other part of the
/// class the FIFO queue and the timer that wakes it.
/// </para>
/// <para>
/// Callers over the limit wait in FIFO order and may cancel; nobody is rejected. The server can also
/// pause it (after a 429) so every caller of that quota holds back together.
/// </para>
/// <para>
/// Once idle — every window empty, nobody waiting, nothing in flight, no pause — it remembers nothing
/// a fresh limiter would not, so the registry may retire it and start a new one on the next request.
/// </para>
/// </remarks>
internal sealed partial class StrictWindowRateLimiter : RateLimiter
{
    private readonly TimeProvider _timeProvider;
    private readonly TimestampScale _scale;
    private readonly WindowLedger _ledger;
    private readonly LinkedList<PermitWaiter> _queue = new();
    private readonly object _gate = new();
    private readonly ITimer _timer;
    private long _successfulLeases;
    private long _failedLeases;
    private bool _disposed;

    public StrictWindowRateLimiter(TimeProvider timeProvider, IReadOnlyList<RateWindow> windows, TimeSpan safetyMargin)
    {
        _timeProvider = timeProvider;
        _scale = new TimestampScale(timeProvider.TimestampFrequency);
        _ledger = new WindowLedger(windows, safetyMargin, _scale, timeProvider.GetTimestamp());
        _timer = timeProvider.CreateTimer(static state => ((StrictWindowRateLimiter)state!).ReleaseWaiters(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// How long every window (with its margin) has been empty, with nobody waiting and no pause; null
    /// while any place still counts.
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                return IdleFor(_timeProvider.GetTimestamp());
            }
        }
    }

    /// <summary>
    /// Stops serving if idle for at least <paramref name="idleFor"/>: every later acquire fails, so the
    /// registry can replace it by a fresh limiter without forgetting a request still in a window.
    /// </summary>
    public bool TryRetire(TimeSpan idleFor)
    {
        lock (_gate)
        {
            if (_disposed || !(IdleFor(_timeProvider.GetTimestamp()) >= idleFor))
            {
                return false;
            }

            _disposed = true;
        }

        _timer.Dispose();
        return true;
    }

    /// <summary>Holds back every caller until <paramref name="delay"/> has passed: the server said its window is full.</summary>
    public void PauseFor(TimeSpan delay)
    {
        lock (_gate)
        {
            long now = _timeProvider.GetTimestamp();
            _ledger.PauseUntil(now + _scale.ToTimestampTicks(delay));
            ScheduleTimerIfQueued(now);
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            long now = _timeProvider.GetTimestamp();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _queue.Count == 0 && _ledger.EarliestStart(now) <= now ? 1 : 0,
                CurrentQueuedCount = _queue.Count,
                TotalSuccessfulLeases = _successfulLeases,
                TotalFailedLeases = _failedLeases,
            };
        }
    }

    /// <summary>Starts acquiring one permit; false, without waiting, once the limiter is retired or disposed.</summary>
    public bool TryAcquireAsync(CancellationToken cancellationToken, out ValueTask<RateLimitLease> acquiring)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PermitWaiter waiter;
        lock (_gate)
        {
            if (_disposed)
            {
                acquiring = default;
                return false;
            }

            long now = _timeProvider.GetTimestamp();
            if (TryGrantNewcomer(now) is { } lease)
            {
                acquiring = new ValueTask<RateLimitLease>(lease);
                return true;
            }

            waiter = Enqueue(now);
        }

        waiter.CancelOn(cancellationToken);
        acquiring = new ValueTask<RateLimitLease>(waiter.Completion.Task);
        return true;
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermitCount(permitCount);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (permitCount == 0)
            {
                return PlainLease.EmptyGrant;
            }

            long now = _timeProvider.GetTimestamp();
            if (TryGrantNewcomer(now) is { } lease)
            {
                return lease;
            }

            _failedLeases++;
            long earliest = _ledger.EarliestStart(now);
            return earliest == WindowLedger.InFlight ? PlainLease.NoPermit : new PlainLease(_scale.ToTimeSpan(earliest - now));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermitCount(permitCount);
        if (permitCount == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                ThrowIfDisposed();
                return new ValueTask<RateLimitLease>(PlainLease.EmptyGrant);
            }
        }

        return TryAcquireAsync(cancellationToken, out ValueTask<RateLimitLease> acquiring) ? acquiring : throw Disposed();
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        List<PermitWaiter> abandoned;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            abandoned = TakeQueue();
        }

        _timer.Dispose();
        foreach (PermitWaiter waiter in abandoned)
        {
            waiter.Detach();
            waiter.Completion.TrySetException(Disposed());
        }
    }

    private static void CheckPermitCount(int permitCount)
    {
        if (permitCount is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "Each request takes exactly one permit.");
        }
    }

    private static ObjectDisposedException Disposed() => new(nameof(StrictWindowRateLimiter));

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw Disposed();
        }
    }

    /// <summary>How long the limiter has been idle at <paramref name="now"/>; null while anything still counts.</summary>
    private TimeSpan? IdleFor(long now)
    {
        long idleSince = _ledger.IdleSince();
        return _queue.Count > 0 || now < idleSince ? null : _scale.ToTimeSpan(now - idleSince);
    }

    /// <summary>A place for a caller who just arrived, if it may start now: never ahead of a caller already waiting.</summary>
    private WindowPermit? TryGrantNewcomer(long now) => _queue.Count == 0 ? TryTakePlace(now) : null;

    private WindowPermit? TryTakePlace(long now)
    {
        if (_ledger.TryTake(now) is not { } sequence)
        {
            return null;
        }

        _successfulLeases++;
        return new WindowPermit(this, sequence);
    }
}
