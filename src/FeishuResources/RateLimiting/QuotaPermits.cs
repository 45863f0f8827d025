using System;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;

namespace FeishuResources.RateLimiting;

/// <summary>
/// The limiter behind Polly's rate limiter strategy in the <see cref="Resilience.AttemptPipeline"/>: one permit of
/// the container's <see cref="IFeishuQuota"/> for the attempt's partition, with the wait recorded (metric,
/// activity, log). An attempt that names no partition (a request the SDK did not build) needs none.
/// </summary>
internal sealed class QuotaPermits
{
    /// <summary>Whose quota the attempt pays from; set by the attempt handler.</summary>
    public static readonly ResiliencePropertyKey<FeishuRateLimitPartition> Partition = new("FeishuResources.Partition");

    private readonly IFeishuQuota _quota;
    private readonly FeishuRateLimitOptions _limits;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public QuotaPermits(IFeishuQuota quota, FeishuRateLimitOptions limits, TimeProvider timeProvider, ILogger logger)
    {
        _quota = quota;
        _limits = limits;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public ValueTask<RateLimitLease> AcquireAsync(RateLimiterArguments args)
    {
        if (!args.Context.Properties.TryGetValue(Partition, out FeishuRateLimitPartition partition))
        {
            return new ValueTask<RateLimitLease>(NoPermitNeeded.Lease);
        }

        long waitStarted = _timeProvider.GetTimestamp();
        ValueTask<RateLimitLease> acquiring = _quota.AcquireAsync(partition, _limits, args.Context.CancellationToken);
        if (!acquiring.IsCompleted)
        {
            return WaitAsync(acquiring, partition, waitStarted);
        }

        RateLimitLease lease = acquiring.Result;
        if (lease.IsAcquired)
        {
            FeishuTelemetry.RateLimitWaited(partition, TimeSpan.Zero);
        }

        return new ValueTask<RateLimitLease>(lease);
    }

    private async ValueTask<RateLimitLease> WaitAsync(ValueTask<RateLimitLease> acquiring, FeishuRateLimitPartition partition, long waitStarted)
    {
        RateLimitLease lease = await acquiring.ConfigureAwait(false);
        if (lease.IsAcquired)
        {
            TimeSpan waited = _timeProvider.GetElapsedTime(waitStarted);
            Log.RateLimiterWaited(_logger, partition.AppId, partition.Api, waited.TotalMilliseconds);
            FeishuTelemetry.RateLimitWaited(partition, waited);
        }

        return lease;
    }
}
