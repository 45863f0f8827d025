using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;

namespace FeishuResources.RateLimiting;

/// <summary>
/// The process-wide home of the rate limiters. The quota belongs to the app, not to a handler or a
/// client: IHttpClientFactory rotates handlers and typed clients are transient, so a limiter owned by
/// either would reset or multiply the quota. Every client of one app, API and tenant in the process
/// shares one limiter (per clock, so tests with fake clocks stay apart). Limiters live as long as the
/// process: an app has two of them per tenant it acts for.
/// </summary>
internal static class RateLimiterRegistry
{
    private static readonly ConcurrentDictionary<(FeishuRateLimitPartition Partition, TimeProvider Clock), Entry> Limiters = new();

    /// <exception cref="InvalidOperationException">The same app was configured with other limits elsewhere in the process.</exception>
    public static RateLimiter GetOrCreate(FeishuRateLimitPartition partition, FeishuRateLimitOptions options, TimeProvider timeProvider)
    {
        var settings = new Settings(options.PermitsPerSecond, options.PermitsPerMinute, options.SafetyMargin, options.LimiterFactory is not null);
        var key = (partition, timeProvider);
        if (!Limiters.TryGetValue(key, out Entry? entry))
        {
            entry = Limiters.GetOrAdd(key, NewEntry(settings, partition, options, timeProvider));
        }

        if (entry.Settings != settings)
        {
            // Two limiters for one quota would let the app exceed it; the first configuration stands.
            throw new InvalidOperationException(
                $"The rate limit of {partition} is configured twice in this process with different FeishuRateLimitOptions; the quota belongs to the app, so configure the same limits everywhere.");
        }

        return entry.Limiter.Value;
    }

    /// <summary>How many partitions hold a limiter on <paramref name="clock"/>: what the registry keeps alive.</summary>
    public static int PartitionCount(TimeProvider clock) => Limiters.Keys.Count(key => key.Clock == clock);

    // Its own method: a lambda capturing GetOrCreate's parameters would allocate its closure on every call, not only on a miss.
    private static Entry NewEntry(Settings settings, FeishuRateLimitPartition partition, FeishuRateLimitOptions options, TimeProvider timeProvider)
        => new(settings, () => Create(partition, options, timeProvider));

    private static RateLimiter Create(FeishuRateLimitPartition partition, FeishuRateLimitOptions options, TimeProvider timeProvider)
        => options.LimiterFactory?.Invoke(partition)
           ?? new StrictWindowRateLimiter(
               timeProvider,
               new[] { new RateWindow(options.PermitsPerSecond, TimeSpan.FromSeconds(1)), new RateWindow(options.PermitsPerMinute, TimeSpan.FromMinutes(1)) },
               options.SafetyMargin);

    private readonly record struct Settings(int PerSecond, int PerMinute, TimeSpan SafetyMargin, bool UserLimiter);

    private sealed class Entry(Settings settings, Func<RateLimiter> create)
    {
        public Settings Settings { get; } = settings;

        public Lazy<RateLimiter> Limiter { get; } = new(create, LazyThreadSafetyMode.ExecutionAndPublication);
    }
}
