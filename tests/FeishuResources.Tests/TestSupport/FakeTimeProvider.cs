namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A hand-driven clock for deterministic tests (Microsoft.Extensions.TimeProvider.Testing does not
/// restore here). Timers fire when <see cref="Advance"/> moves time past their due time.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<FakeTimer> _timers = new();
    private DateTimeOffset _now;
    private long _timestamp;

    public FakeTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _timestamp;
        }
    }

    /// <summary>Whether some timer is due exactly <paramref name="fromNow"/> from now: lets a test wait until code under test has started a delay.</summary>
    public bool HasTimerDueIn(TimeSpan fromNow)
    {
        lock (_gate)
        {
            DateTimeOffset due = _now + fromNow;
            return _timers.Any(t => t.DueAt is { } at && Math.Abs((at - due).Ticks) <= TimeSpan.TicksPerMillisecond);
        }
    }

    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta));
        }

        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        // Fire timers in due order, moving the clock to each due time first.
        while (true)
        {
            FakeTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt is { } due && due <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (next is null)
                {
                    _timestamp += (target - _now).Ticks;
                    _now = target;
                    return;
                }

                _timestamp += (next.DueAt!.Value - _now).Ticks;
                _now = next.DueAt!.Value;
                next.Reschedule(_now);
            }

            next.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class FakeTimer : ITimer
    {
        private readonly FakeTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private TimeSpan _period;

        public FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
        }

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_owner._gate)
            {
                _owner._timers.Remove(this);
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _owner._now + dueTime;
                if (DueAt is not null)
                {
                    _owner._timers.Add(this);
                }
            }

            return true;
        }

        public void Reschedule(DateTimeOffset now)
        {
            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                DueAt = null;
                _owner._timers.Remove(this);
            }
            else
            {
                DueAt = now + _period;
            }
        }

        public void Fire() => _callback(_state);

        public void Dispose()
        {
            lock (_owner._gate)
            {
                _owner._timers.Remove(this);
                DueAt = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
