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
/// earlier ones, the server cannot see N + 1 arrive within one window.
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
internal sealed class StrictWindowRateLimiter : RateLimiter
{
    private const long InFlight = long.MaxValue;

    private static readonly RateLimitLease NoPermit = new PlainLease(null);

    private readonly TimeProvider _timeProvider;
    // Each window's limit and length, the length already in timestamp ticks: checked under the lock on every acquire.
    private readonly (int Limit, long Ticks)[] _windows;
    private readonly long _longestWindowTicks;
    private readonly long _marginTicks;
    private readonly RecentPlaces _places;
    private readonly LinkedList<Waiter> _queue = new();
    private readonly object _gate = new();
    private readonly ITimer _timer;
    private readonly long _createdAt;
    private long _pausedUntil = long.MinValue;
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
        _windows = new (int, long)[windows.Count];
        int capacity = 0;
        for (int i = 0; i < windows.Count; i++)
        {
            _windows[i] = (windows[i].Limit, ToTimestampTicks(windows[i].Length));
            capacity = Math.Max(capacity, windows[i].Limit);
            _longestWindowTicks = Math.Max(_longestWindowTicks, _windows[i].Ticks);
        }

        _marginTicks = ToTimestampTicks(safetyMargin);
        _places = new RecentPlaces(capacity);
        _createdAt = timeProvider.GetTimestamp();
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
            _pausedUntil = Math.Max(_pausedUntil, now + ToTimestampTicks(delay));
            if (_queue.Count > 0)
            {
                ScheduleTimer(now);
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
            if (permitCount == 0)
            {
                return PlainLease.EmptyGrant;
            }

            if (_queue.Count == 0 && TryTakePlace(now) is { } lease)
            {
                return lease;
            }

            _failedLeases++;
            long earliest = EarliestStart(now);
            return earliest == long.MaxValue ? NoPermit : new PlainLease(TimeSpan.FromTicks(FromTimestampTicks(earliest - now)));
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

        return TryAcquireAsync(cancellationToken, out ValueTask<RateLimitLease> acquiring) ? acquiring : throw new ObjectDisposedException(nameof(StrictWindowRateLimiter));
    }

    /// <summary>Starts acquiring one permit; false, without waiting, once the limiter is retired or disposed.</summary>
    public bool TryAcquireAsync(CancellationToken cancellationToken, out ValueTask<RateLimitLease> acquiring)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_gate)
        {
            if (_disposed)
            {
                acquiring = default;
                return false;
            }

            long now = _timeProvider.GetTimestamp();
            if (_queue.Count == 0 && TryTakePlace(now) is { } lease)
            {
                acquiring = new ValueTask<RateLimitLease>(lease);
                return true;
            }

            waiter = new Waiter(this);
            waiter.Node = _queue.AddLast(waiter);
            ScheduleTimer(now);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Attach(cancellationToken.Register(static state => ((Waiter)state!).Cancel(), waiter));
        }

        acquiring = new ValueTask<RateLimitLease>(waiter.Completion.Task);
        return true;
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
            waiter.Detach();
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

    /// <summary>
    /// The earliest timestamp at which one more request keeps every window within its limit, or
    /// <see cref="long.MaxValue"/> while the deciding request is still in flight.
    /// </summary>
    private long EarliestStart(long now)
    {
        long earliest = Math.Max(now, _pausedUntil);
        foreach ((int limit, long windowTicks) in _windows)
        {
            if (_places.Count < limit)
            {
                continue;
            }

            // The request `Limit` places back must have finished a whole window ago.
            long deciding = _places.Back(limit);
            if (deciding == InFlight)
            {
                return long.MaxValue;
            }

            earliest = Math.Max(earliest, deciding + windowTicks + _marginTicks);
        }

        return earliest;
    }

    /// <summary>How long the limiter has been idle at <paramref name="now"/>; null while anything still counts.</summary>
    private TimeSpan? IdleFor(long now)
    {
        if (_queue.Count > 0)
        {
            return null;
        }

        long idleSince = Math.Max(_createdAt, _pausedUntil);
        for (int i = 0; i < _places.Count; i++)
        {
            long place = _places.At(i);
            if (place == InFlight)
            {
                return null;
            }

            idleSince = Math.Max(idleSince, place + _longestWindowTicks + _marginTicks);
        }

        return now < idleSince ? null : TimeSpan.FromTicks(FromTimestampTicks(now - idleSince));
    }

    private RateLimitLease? TryTakePlace(long now)
    {
        if (EarliestStart(now) > now)
        {
            return null;
        }

        // Places out of every window no longer decide anything; when the most any window needs are held,
        // adding drops the oldest, which EarliestStart just proved is not in flight.
        while (_places.Count > 0 && _places.Oldest != InFlight && _places.Oldest + _longestWindowTicks + _marginTicks <= now)
        {
            _places.DropOldest();
        }

        long sequence = _places.Add(InFlight);
        _successfulLeases++;
        return new Permit(this, sequence);
    }

    /// <summary>The request of <paramref name="sequence"/> has its answer (or failed): it can no longer reach the server.</summary>
    private void Complete(long sequence)
    {
        lock (_gate)
        {
            long now = _timeProvider.GetTimestamp();
            if (_disposed || !_places.TryReplace(sequence, InFlight, now))
            {
                return;
            }

            if (_queue.Count > 0)
            {
                ScheduleTimer(now);
            }
        }
    }

    private void ReleaseWaiters()
    {
        List<(Waiter Waiter, RateLimitLease Lease)>? ready = null;
        lock (_gate)
        {
            long now = _timeProvider.GetTimestamp();
            while (_queue.First is { } head && TryTakePlace(now) is { } lease)
            {
                _queue.RemoveFirst();
                head.Value.Node = null;
                (ready ??= new()).Add((head.Value, lease));
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

        foreach ((Waiter waiter, RateLimitLease lease) in ready)
        {
            waiter.Detach();
            if (!waiter.Completion.TrySetResult(lease))
            {
                lease.Dispose();
            }
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
        }

        waiter.Completion.TrySetCanceled();
    }

    /// <summary>Wakes the queue when its head may start; a head blocked by a request in flight is woken by that request's completion.</summary>
    private void ScheduleTimer(long now)
    {
        long earliest = EarliestStart(now);
        TimeSpan due = earliest == long.MaxValue
            ? Timeout.InfiniteTimeSpan
            : TimeSpan.FromTicks(Math.Max(FromTimestampTicks(earliest - now), 0));
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.Ticks * ((double)_timeProvider.TimestampFrequency / TimeSpan.TicksPerSecond));

    private long FromTimestampTicks(long timestampTicks)
        => (long)Math.Ceiling(timestampTicks * ((double)TimeSpan.TicksPerSecond / _timeProvider.TimestampFrequency));

    private sealed class Waiter
    {
        private readonly StrictWindowRateLimiter _owner;
        private readonly object _sync = new();
        private CancellationTokenRegistration _registration;
        private bool _served;

        public Waiter(StrictWindowRateLimiter owner)
        {
            _owner = owner;
        }

        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public void Cancel() => _owner.Cancel(this);

        /// <summary>
        /// Keeps the cancellation registration, which is made after the waiter is queued — so the waiter
        /// may already be served; then the registration is released at once instead of leaking.
        /// </summary>
        public void Attach(CancellationTokenRegistration registration)
        {
            lock (_sync)
            {
                if (!_served)
                {
                    _registration = registration;
                    return;
                }
            }

            registration.Dispose();
        }

        /// <summary>The waiter is served (or abandoned): its cancellation no longer matters.</summary>
        public void Detach()
        {
            CancellationTokenRegistration registration;
            lock (_sync)
            {
                _served = true;
                registration = _registration;
                _registration = default;
            }

            registration.Dispose();
        }
    }

    /// <summary>A granted place in the windows; disposing it marks the request finished.</summary>
    private sealed class Permit : RateLimitLease
    {
        private readonly long _sequence;
        private StrictWindowRateLimiter? _owner;

        public Permit(StrictWindowRateLimiter owner, long sequence)
        {
            _owner = owner;
            _sequence = sequence;
        }

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => Array.Empty<string>();

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            Interlocked.Exchange(ref _owner, null)?.Complete(_sequence);
        }
    }

    /// <summary>A refusal that may say when to retry, or the empty grant of a zero-permit request.</summary>
    private sealed class PlainLease : RateLimitLease
    {
        public static readonly RateLimitLease EmptyGrant = new PlainLease(null, acquired: true);

        private readonly TimeSpan? _retryAfter;

        public PlainLease(TimeSpan? retryAfter, bool acquired = false)
        {
            _retryAfter = retryAfter;
            IsAcquired = acquired;
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
