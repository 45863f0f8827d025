using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace FeishuResources.RateLimiting;

/// <summary>
/// The process-wide home of the rate limiters. The quota belongs to the app, not to a handler or a
/// client: IHttpClientFactory rotates handlers and typed clients are transient, so a limiter owned by
/// either would reset or multiply the quota. Every client of one app, API and tenant in the process
/// shares one limiter (per clock, so tests with fake clocks stay apart). A built-in limiter idle for a
/// while is freed and a fresh one made on the partition's next request — a store app serves tenants
/// without end; a limiter from <see cref="FeishuRateLimitOptions.LimiterFactory"/> lives as long as the process.
/// </summary>
internal static class RateLimiterRegistry
{
    private static readonly ConcurrentDictionary<TimeProvider, ClockLimiters> Clocks = new();

    /// <exception cref="InvalidOperationException">The same app was configured with other limits elsewhere in the process.</exception>
    public static RateLimiter GetOrCreate(FeishuRateLimitPartition partition, FeishuRateLimitOptions options, TimeProvider timeProvider)
        => Limiters(timeProvider).GetOrCreate(partition, options);

    /// <summary>Starts acquiring one permit of the partition's limiter, which comes back too (a 429 pauses it).</summary>
    /// <exception cref="InvalidOperationException">The same app was configured with other limits elsewhere in the process.</exception>
    public static ValueTask<RateLimitLease> AcquireAsync(
        FeishuRateLimitPartition partition, FeishuRateLimitOptions options, TimeProvider timeProvider, CancellationToken cancellationToken, out RateLimiter limiter)
    {
        ClockLimiters limiters = Limiters(timeProvider);
        while (true)
        {
            limiter = limiters.GetOrCreate(partition, options);
            if (limiter is not StrictWindowRateLimiter strict)
            {
                return limiter.AcquireAsync(1, cancellationToken);
            }

            if (strict.TryAcquireAsync(cancellationToken, out ValueTask<RateLimitLease> acquiring))
            {
                return acquiring;
            }

            // Retired between the lookup and the acquire: make sure it is gone, so the next lookup makes its successor.
            limiters.Remove(partition, strict);
        }
    }

    /// <summary>How many partitions hold a limiter on <paramref name="clock"/>: what the registry keeps alive.</summary>
    public static int PartitionCount(TimeProvider clock) => Clocks.TryGetValue(clock, out ClockLimiters? limiters) ? limiters.Count : 0;

    private static ClockLimiters Limiters(TimeProvider clock)
        => Clocks.TryGetValue(clock, out ClockLimiters? limiters) ? limiters : Clocks.GetOrAdd(clock, static c => new ClockLimiters(c));
}
