using System;

namespace FeishuResources.RateLimiting;

/// <summary>
/// Converts between <see cref="TimeSpan"/> ticks and a clock's timestamp ticks, whose frequency is the clock's own
/// (nanoseconds on Linux, 10 MHz on Windows, 3.579545 MHz on some older timers), never assumed to be TimeSpan's.
/// </summary>
internal readonly struct TimestampScale
{
    private readonly double _timestampsPerTick;

    public TimestampScale(long timestampFrequency)
    {
        _timestampsPerTick = (double)timestampFrequency / TimeSpan.TicksPerSecond;
    }

    public long ToTimestampTicks(TimeSpan span) => (long)(span.Ticks * _timestampsPerTick);

    /// <summary>The span of <paramref name="timestampTicks"/>, rounded up: a wait computed from it never ends early.</summary>
    public TimeSpan ToTimeSpan(long timestampTicks) => TimeSpan.FromTicks((long)Math.Ceiling(timestampTicks / _timestampsPerTick));
}
