namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A <see cref="TestClock"/>'s time (nanosecond timestamps) whose timers the test fires by hand: a wake-up as late as
/// a loaded machine may run it, never early. A timer set due at once fires at once, on the thread that set it, as a
/// pool timer may fire before the code that set it has moved on. The hooks run code at the instants another thread
/// could act: when a timestamp is read, when a timer is set, when it is disposed.
/// </summary>
public sealed class Mut8LimiterHandClock : TimeProvider
{
    private readonly List<HandTimer> _timers = new();

    public TestClock Time { get; } = new();

    /// <summary>Every timer made, oldest first.</summary>
    public IReadOnlyList<HandTimer> Timers
    {
        get
        {
            lock (_timers)
            {
                return _timers.ToList();
            }
        }
    }

    public Action? OnTimestamp { get; set; }

    public Action<HandTimer>? OnTimerChange { get; set; }

    public Action<HandTimer>? OnTimerDispose { get; set; }

    public override long TimestampFrequency => Time.TimestampFrequency;

    public override long GetTimestamp()
    {
        OnTimestamp?.Invoke();
        return Time.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow() => Time.GetUtcNow();

    public void Advance(TimeSpan by) => Time.Advance(by);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new HandTimer(this, callback, state);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    public sealed class HandTimer(Mut8LimiterHandClock clock, TimerCallback callback, object? state) : ITimer
    {
        /// <summary>How long from when it was set it is due; null while not armed.</summary>
        public TimeSpan? Due { get; private set; }

        public bool IsDisposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (IsDisposed)
            {
                return false;
            }

            Due = dueTime == Timeout.InfiniteTimeSpan ? null : dueTime;
            clock.OnTimerChange?.Invoke(this);
            if (dueTime == TimeSpan.Zero)
            {
                Fire();
            }

            return true;
        }

        /// <summary>Runs the callback now, however late.</summary>
        public void Fire()
        {
            Due = null;
            callback(state);
        }

        public void Dispose()
        {
            IsDisposed = true;
            Due = null;
            clock.OnTimerDispose?.Invoke(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
