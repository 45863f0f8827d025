using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using FeishuResources.Internal;
using FeishuResources.RateLimiting;

namespace FeishuResources;

/// <summary>
/// The built-in <see cref="IFeishuQuota"/>: a strict sliding-window limiter per partition (or the one
/// <see cref="FeishuRateLimitOptions.LimiterFactory"/> makes), in this process. A built-in limiter idle
/// for a while is freed and a fresh one made on the partition's next request — a store app serves
/// tenants without end; a limiter from <see cref="FeishuRateLimitOptions.LimiterFactory"/> lives as long as this quota.
/// </summary>
/// <remarks>
/// <c>AddFeishuResources</c> registers one per container, shared by all its clients and names: the
/// quota belongs to the app, and IHttpClientFactory rotates handlers while typed clients are transient,
/// so a limiter owned by either would reset or multiply it. Two containers of one app in one process
/// share a quota only when both are given the same instance.
/// </remarks>
public sealed class FeishuQuota : IFeishuQuota
{
    private readonly ClockLimiters _limiters;

    /// <summary>Creates an empty quota on <paramref name="timeProvider"/>'s clock.</summary>
    /// <param name="timeProvider">The clock of the windows; <see cref="TimeProvider.System"/> outside tests.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public FeishuQuota(TimeProvider timeProvider)
    {
        Guard.NotNull(timeProvider, nameof(timeProvider));
        _limiters = new ClockLimiters(timeProvider);
    }

    /// <summary>How many partitions hold a limiter: what this quota keeps alive.</summary>
    internal int PartitionCount => _limiters.Count;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The same app was given other limits before.</exception>
    public ValueTask<RateLimitLease> AcquireAsync(FeishuRateLimitPartition partition, FeishuRateLimitOptions limits, CancellationToken cancellationToken)
    {
        Guard.NotNull(limits, nameof(limits));
        while (true)
        {
            RateLimiter limiter = _limiters.GetOrCreate(partition, limits);
            if (limiter is not StrictWindowRateLimiter strict)
            {
                return limiter.AcquireAsync(1, cancellationToken);
            }

            if (strict.TryAcquireAsync(cancellationToken, out ValueTask<RateLimitLease> acquiring))
            {
                return acquiring;
            }

            // Retired between the lookup and the acquire: make sure it is gone, so the next lookup makes its successor.
            _limiters.Remove(partition, strict);
        }
    }

    /// <inheritdoc />
    /// <remarks>Only a built-in limiter can hold everyone back; a user-supplied one sees the 429 through its own store.</remarks>
    public void Pause(FeishuRateLimitPartition partition, TimeSpan duration)
        => (_limiters.Find(partition) as StrictWindowRateLimiter)?.PauseFor(duration);

    /// <exception cref="InvalidOperationException">The same app was given other limits before.</exception>
    internal RateLimiter GetOrCreate(FeishuRateLimitPartition partition, FeishuRateLimitOptions limits) => _limiters.GetOrCreate(partition, limits);
}
