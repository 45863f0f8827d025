using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace FeishuResources.RateLimiting;

/// <summary>
/// A limiter that never lets more than N requests start in ANY interval of a window's length, for
/// several windows at once (50 per second and 1000 per minute). It remembers when the last starts
/// happened, so, unlike a token bucket, it cannot start 100 within one second after an idle spell.
/// Callers over the limit wait in FIFO order and may cancel; nobody is rejected. The server can also
/// pause it (after a 429) so every caller of that quota holds back together.
/// </summary>
internal sealed class StrictWindowRateLimiter : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true, null);

    private readonly TimeProvider _timeProvider;
    private readonly RateWindow[] _windows;
    private readonly long _marginTicks;
    private readonly long[] _starts;
    private readonly LinkedList<Waiter> _queue = new();
    private readonly object _gate = new();
    private readonly ITimer _timer;
    private int _startCount;
    private int _next;
    private long _pausedUntil;
    private long _successfulLeases;
    private long _failedLeases;
    private bool _disposed;

    public StrictWindowRateLimiter(TimeProvider timeProvider, IReadOnlyList<RateWindow> windows, TimeSpan safetyMargin)
    {
        if (windows.Count == 0)
        {
            throw new ArgumentException("At least one window is required.", nameof(windows));
        }

        _timeProvider = timeProvider;
        _windows = new RateWindow[windows.Count];
        int capacity = 0;
        for (int i = 0; i < windows.Count; i++)
        {
            _windows[i] = windows[i];
            capacity = Math.Max(capacity, windows[i].Limit);
        }

        _marginTicks = ToTimestampTicks(safetyMargin);
        _starts = new long[capacity];
        _pausedUntil = long.MinValue;
        _timer = timeProvider.CreateTimer(static state => ((StrictWindowRateLimiter)state!).ReleaseWaiters(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How long every window has been empty and nobody waited; null while any start still counts.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                if (_queue.Count > 0)
                {
                    return null;
                }

                if (_startCount == 0)
                {
                    return TimeSpan.Zero;
                }

                long longest = 0;
                foreach (RateWindow window in _windows)
                {
                    longest = Math.Max(longest, ToTimestampTicks(window.Length));
                }

                long last = _starts[(_next - 1 + _starts.Length) % _starts.Length];
                long idleSince = last + longest;
                long now = _timeProvider.GetTimestamp();
                return now < idleSince ? null : TimeSpan.FromTicks(FromTimestampTicks(now - idleSince));
            }
        }
    }

    /// <summary>Number of callers waiting for a permit.</summary>
    public int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Holds back every caller until <paramref name="delay"/> has passed: the server said its window is full.</summary>
    public void PauseFor(TimeSpan delay)
    {
        lock (_gate)
        {
            long until = _timeProvider.GetTimestamp() + ToTimestampTicks(delay);
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            long now = _timeProvider.GetTimestamp();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _queue.Count == 0 && EarliestStart(now) <= now ? 1 : 0,
                CurrentQueuedCount = _queue.Count,
                TotalSuccessfulLeases = _successfulLeases,
                TotalFailedLeases = _failedLeases,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermitCount(permitCount);
        lock (_gate)
        {
            ThrowIfDisposed();
            long now = _timeProvider.GetTimestamp();
            if (permitCount == 0 || (_queue.Count == 0 && TryStart(now)))
            {
                return Granted;
            }

            _failedLeases++;
            return new Lease(false, TimeSpan.FromTicks(FromTimestampTicks(EarliestStart(now) - now)));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermitCount(permitCount);
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_gate)
        {
            ThrowIfDisposed();
            long now = _timeProvider.GetTimestamp();
            if (permitCount == 0 || (_queue.Count == 0 && TryStart(now)))
            {
                return new ValueTask<RateLimitLease>(Granted);
            }

            waiter = new Waiter(this);
            waiter.Node = _queue.AddLast(waiter);
            ScheduleTimer(now);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(static state => ((Waiter)state!).Cancel(), waiter);
        }

        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        List<Waiter> abandoned;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            abandoned = new List<Waiter>(_queue);
            _queue.Clear();
        }

        _timer.Dispose();
        foreach (Waiter waiter in abandoned)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetException(new ObjectDisposedException(nameof(StrictWindowRateLimiter)));
        }
    }

    private static void CheckPermitCount(int permitCount)
    {
        if (permitCount is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "Each request takes exactly one permit.");
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(StrictWindowRateLimiter));
        }
    }

    /// <summary>The earliest timestamp at which one more start keeps every window within its limit.</summary>
    private long EarliestStart(long now)
    {
        long earliest = Math.Max(now, _pausedUntil);
        foreach (RateWindow window in _windows)
        {
            if (_startCount >= window.Limit)
            {
                // The start `Limit` places back must have left the window before another may begin.
                long oldest = _starts[(_next - window.Limit + _starts.Length) % _starts.Length];
                earliest = Math.Max(earliest, oldest + ToTimestampTicks(window.Length) + _marginTicks);
            }
        }

        return earliest;
    }

    private bool TryStart(long now)
    {
        if (EarliestStart(now) > now)
        {
            return false;
        }

        _starts[_next] = now;
        _next = (_next + 1) % _starts.Length;
        if (_startCount < _starts.Length)
        {
            _startCount++;
        }

        _successfulLeases++;
        return true;
    }

    private void ReleaseWaiters()
    {
        List<Waiter>? ready = null;
        lock (_gate)
        {
            long now = _timeProvider.GetTimestamp();
            while (_queue.First is { } head && TryStart(now))
            {
                _queue.RemoveFirst();
                head.Value.Node = null;
                (ready ??= new List<Waiter>()).Add(head.Value);
            }

            if (_queue.Count > 0)
            {
                ScheduleTimer(now);
            }
        }

        if (ready is null)
        {
            return;
        }

        foreach (Waiter waiter in ready)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(Granted);
        }
    }

    private void Cancel(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return;
            }

            _queue.Remove(waiter.Node);
            waiter.Node = null;
            _failedLeases++;
            if (_queue.Count > 0)
            {
                ScheduleTimer(_timeProvider.GetTimestamp());
            }
        }

        waiter.Completion.TrySetCanceled();
    }

    private void ScheduleTimer(long now)
    {
        long wait = EarliestStart(now) - now;
        _timer.Change(TimeSpan.FromTicks(Math.Max(FromTimestampTicks(wait), 0)), Timeout.InfiniteTimeSpan);
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.Ticks * ((double)_timeProvider.TimestampFrequency / TimeSpan.TicksPerSecond));

    private long FromTimestampTicks(long timestampTicks)
    {
        double ticks = timestampTicks * ((double)TimeSpan.TicksPerSecond / _timeProvider.TimestampFrequency);
        return (long)Math.Ceiling(ticks);
    }

    private sealed class Waiter
    {
        private readonly StrictWindowRateLimiter _owner;

        public Waiter(StrictWindowRateLimiter owner)
        {
            _owner = owner;
        }

        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public void Cancel() => _owner.Cancel(this);
    }

    private sealed class Lease : RateLimitLease
    {
        private readonly TimeSpan? _retryAfter;

        public Lease(bool isAcquired, TimeSpan? retryAfter)
        {
            IsAcquired = isAcquired;
            _retryAfter = retryAfter;
        }

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? Array.Empty<string>() : new[] { MetadataName.RetryAfter.Name };

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is not null && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = _retryAfter.Value;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
