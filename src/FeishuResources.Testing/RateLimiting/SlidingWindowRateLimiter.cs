using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace FeishuResources.Testing.RateLimiting;

/// <summary>
/// Enforces "N per second and M per minute" per (tenant, API) as true sliding windows: a request is
/// admitted only if fewer than N admitted requests started in the second before it, and fewer than M in
/// the minute before it. Refused requests do not count, as a gateway only counts what it let through.
/// </summary>
internal sealed class SlidingWindowRateLimiter
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly int _perSecond;
    private readonly int _perMinute;
    private readonly ConcurrentDictionary<(string Tenant, FeishuEmulatorApi Api), Windows> _windows = new();

    public SlidingWindowRateLimiter(int perSecond, int perMinute)
    {
        _perSecond = perSecond;
        _perMinute = perMinute;
    }

    /// <summary>Admits the request and returns null, or returns why it is refused.</summary>
    public RateLimitRefusal? TryAdmit(string tenant, FeishuEmulatorApi api, DateTimeOffset now)
    {
        Windows windows = _windows.GetOrAdd((tenant, api), static _ => new Windows());
        lock (windows)
        {
            Trim(windows.LastSecond, now - Second);
            Trim(windows.LastMinute, now - Minute);
            if (windows.LastSecond.Count >= _perSecond)
            {
                return new RateLimitRefusal(_perSecond, windows.LastSecond.Peek() + Second - now);
            }

            if (windows.LastMinute.Count >= _perMinute)
            {
                return new RateLimitRefusal(_perMinute, windows.LastMinute.Peek() + Minute - now);
            }

            windows.LastSecond.Enqueue(now);
            windows.LastMinute.Enqueue(now);
            return null;
        }
    }

    private static void Trim(Queue<DateTimeOffset> admitted, DateTimeOffset windowStart)
    {
        while (admitted.Count > 0 && admitted.Peek() <= windowStart)
        {
            admitted.Dequeue();
        }
    }

    private sealed class Windows
    {
        public Queue<DateTimeOffset> LastSecond { get; } = new();

        public Queue<DateTimeOffset> LastMinute { get; } = new();
    }
}
