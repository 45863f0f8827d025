using System.Diagnostics.Metrics;

namespace FeishuResources.Redis;

/// <summary>The Redis quota's metrics, on the meter <see cref="MeterName"/>.</summary>
internal static class RedisQuotaMetrics
{
    public const string MeterName = "FeishuResources.Redis";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Each switch of a replica from the shared quota in Redis to its local share.</summary>
    public static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>(
        "feishu.quota.redis.fallbacks", "{fallback}", "Switches from the quota shared in Redis to this replica's local share.");
}
