using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;

namespace FeishuResources.RateLimiting;

/// <summary>
/// The limiters of every partition of one <see cref="FeishuQuota"/>, and the reclaiming of idle ones. Reclaiming rides on
/// lookups — at most once per <see cref="IdleLimit"/> of the clock — so no timer outlives the clients.
/// </summary>
/// <remarks>
/// A built-in limiter is freed only once it has been idle for <see cref="IdleLimit"/> (every window
/// empty, nobody waiting, nothing in flight, no pause: see <see cref="StrictWindowRateLimiter.TryRetire"/>),
/// the same idle limit as <c>PartitionedRateLimiter</c>'s. It is retired before it leaves the
/// dictionary and a retired limiter grants nothing, so its successor can only start after every place
/// it held has left its windows: the quota stays strict across the swap.
/// </remarks>
internal sealed class ClockLimiters
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<FeishuRateLimitPartition, Entry> _limiters = new();
    private readonly TimeProvider _clock;
    private readonly long _sweepIntervalTicks;
    private long _nextSweep;

    public ClockLimiters(TimeProvider clock)
    {
        _clock = clock;
        _sweepIntervalTicks = (long)(IdleLimit.TotalSeconds * clock.TimestampFrequency);
        _nextSweep = clock.GetTimestamp() + _sweepIntervalTicks;
    }

    public int Count => _limiters.Count;

    /// <exception cref="InvalidOperationException">The same app was configured with other limits before.</exception>
    public RateLimiter GetOrCreate(FeishuRateLimitPartition partition, FeishuRateLimitOptions options)
    {
        ReclaimIdleIfDue();
        var settings = new Settings(options.PermitsPerSecond, options.PermitsPerMinute, options.SafetyMargin, options.LimiterFactory is not null);
        if (!_limiters.TryGetValue(partition, out Entry? entry))
        {
            entry = _limiters.GetOrAdd(partition, NewEntry(settings, partition, options, _clock));
        }

        if (entry.Settings != settings)
        {
            // Two limiters for one quota would let the app exceed it; the first configuration stands.
            throw new InvalidOperationException(
                $"The rate limit of {partition} is configured twice with different FeishuRateLimitOptions for one quota; the quota belongs to the app, so configure the same limits everywhere.");
        }

        return entry.Limiter.Value;
    }

    /// <summary>The partition's limiter if it has one made, without making one.</summary>
    public RateLimiter? Find(FeishuRateLimitPartition partition)
        => _limiters.TryGetValue(partition, out Entry? entry) && entry.Limiter.IsValueCreated ? entry.Limiter.Value : null;

    /// <summary>Forgets <paramref name="partition"/>'s entry if it still holds <paramref name="retired"/>.</summary>
    public void Remove(FeishuRateLimitPartition partition, RateLimiter retired)
    {
        if (_limiters.TryGetValue(partition, out Entry? entry) && entry.Limiter.IsValueCreated && entry.Limiter.Value == retired)
        {
            Remove(new KeyValuePair<FeishuRateLimitPartition, Entry>(partition, entry));
        }
    }

    // Its own method: a lambda capturing GetOrCreate's parameters would allocate its closure on every call, not only on a miss.
    private static Entry NewEntry(Settings settings, FeishuRateLimitPartition partition, FeishuRateLimitOptions options, TimeProvider clock)
        => new(settings, () => Create(partition, options, clock));

    private static RateLimiter Create(FeishuRateLimitPartition partition, FeishuRateLimitOptions options, TimeProvider clock)
        => options.LimiterFactory?.Invoke(partition)
           ?? new StrictWindowRateLimiter(
               clock,
               new[] { new RateWindow(options.PermitsPerSecond, TimeSpan.FromSeconds(1)), new RateWindow(options.PermitsPerMinute, TimeSpan.FromMinutes(1)) },
               options.SafetyMargin);

    private void ReclaimIdleIfDue()
    {
        long now = _clock.GetTimestamp();
        long due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _sweepIntervalTicks, due) != due)
        {
            return;
        }

        foreach (KeyValuePair<FeishuRateLimitPartition, Entry> pair in _limiters)
        {
            // A limiter not yet made is about to serve its first request; a user's limiter is theirs to manage.
            if (pair.Value.Limiter.IsValueCreated && pair.Value.Limiter.Value is StrictWindowRateLimiter limiter && limiter.TryRetire(IdleLimit))
            {
                Remove(pair);
            }
        }
    }

    /// <summary>Removes the entry only if it is still this one, never a successor made meanwhile.</summary>
    private void Remove(KeyValuePair<FeishuRateLimitPartition, Entry> pair) => ((ICollection<KeyValuePair<FeishuRateLimitPartition, Entry>>)_limiters).Remove(pair);

    private readonly record struct Settings(int PerSecond, int PerMinute, TimeSpan SafetyMargin, bool UserLimiter);

    private sealed class Entry(Settings settings, Func<RateLimiter> create)
    {
        public Settings Settings { get; } = settings;

        public Lazy<RateLimiter> Limiter { get; } = new(create, LazyThreadSafetyMode.ExecutionAndPublication);
    }
}
