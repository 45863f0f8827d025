using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;

namespace FeishuResources.RateLimiting;

/// <summary>
/// The process-wide home of the rate limiters. The quota belongs to the app, not to a handler or a
/// client: IHttpClientFactory rotates handlers and typed clients are transient, so a limiter owned by
/// either would reset or multiply the quota. Every client of one app and API in the process (with the
/// same limits and clock) shares one limiter.
/// </summary>
internal static class RateLimiterRegistry
{
    private static readonly ConcurrentDictionary<Key, Lazy<RateLimiter>> Limiters = new();

    public static RateLimiter GetOrCreate(FeishuRateLimitPartition partition, FeishuRateLimitOptions options, TimeProvider timeProvider)
    {
        var key = new Key(partition, options.PermitsPerSecond, options.PermitsPerMinute, options.SafetyMargin, options.LimiterFactory, timeProvider);
        return Limiters.GetOrAdd(key, static k => new Lazy<RateLimiter>(k.Create, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private readonly record struct Key(
        FeishuRateLimitPartition Partition,
        int PerSecond,
        int PerMinute,
        TimeSpan SafetyMargin,
        Func<FeishuRateLimitPartition, RateLimiter>? Factory,
        TimeProvider TimeProvider)
    {
        public RateLimiter Create()
            => Factory?.Invoke(Partition)
               ?? new StrictWindowRateLimiter(
                   TimeProvider,
                   new[] { new RateWindow(PerSecond, TimeSpan.FromSeconds(1)), new RateWindow(PerMinute, TimeSpan.FromMinutes(1)) },
                   SafetyMargin);
    }
}
