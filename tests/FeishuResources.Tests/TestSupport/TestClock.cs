using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// The library's <see cref="FakeTimeProvider"/> with two additions. Its timestamps tick in nanoseconds, as
/// Stopwatch does on Linux, not in <see cref="TimeSpan"/> ticks like the base clock's: code that mixes timestamp
/// units with <see cref="TimeSpan"/> ticks is wrong by a factor of 100 here instead of passing by luck. And it
/// knows its pending timers, so a test can wait until the code under test has started a delay of a given length
/// before it moves time (moving it earlier would start that delay later and prove nothing).
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    /// <summary>Timestamps per second: nanoseconds, 100 per <see cref="TimeSpan"/> tick.</summary>
    public const long Frequency = 1_000_000_000;

    private const long TimestampsPerTick = Frequency / TimeSpan.TicksPerSecond;

    private readonly ConcurrentDictionary<WatchedTimer, byte> _pending = new();
    private readonly long _startTicks;

    public TestClock(DateTimeOffset? start = null)
        : base(start ?? new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero))
    {
        _startTicks = base.GetTimestamp();
    }

    public override long TimestampFrequency => Frequency;

    // Counted from the clock's start, like Stopwatch from boot: absolute nanoseconds since year 1 overflow a long.
    public override long GetTimestamp() => checked((base.GetTimestamp() - _startTicks) * TimestampsPerTick);

    /// <summary>Whether some timer is due exactly <paramref name="fromNow"/> from now (within a millisecond).</summary>
    public bool HasTimerDueIn(TimeSpan fromNow)
    {
        DateTimeOffset due = GetUtcNow() + fromNow;
        return _pending.Keys.Any(t => t.DueAt is { } at && (at - due).Duration() <= TimeSpan.FromMilliseconds(1));
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this);
        watched.Inner = base.CreateTimer(
            s =>
            {
                watched.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        watched.Change(dueTime, period);
        return watched;
    }

    /// <summary>Remembers when the library's timer it wraps is due next.</summary>
    private sealed class WatchedTimer(TestClock clock) : ITimer
    {
        private readonly object _gate = new();
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _period = period;
                Track(dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime);
                return Inner.Change(dueTime, period);
            }
        }

        public void Fired()
        {
            lock (_gate)
            {
                bool once = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero;
                Track(once ? null : DueAt + _period);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                Track(null);
                Inner.Dispose();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        private void Track(DateTimeOffset? dueAt)
        {
            DueAt = dueAt;
            if (dueAt is null)
            {
                clock._pending.TryRemove(this, out _);
            }
            else
            {
                clock._pending[this] = 0;
            }
        }
    }
}
