using System;

namespace FeishuResources.Redis;

/// <summary>How the quota shared in Redis behaves; set in <c>UseRedisQuota(…, options => …)</c>.</summary>
public sealed class RedisQuotaOptions
{
    /// <summary>
    /// The start of every key this quota writes; replicas share a quota only when they use the same prefix.
    /// Defaults to <c>feishu-quota</c>. Must not be empty.
    /// </summary>
    public string KeyPrefix { get; set; } = "feishu-quota";

    /// <summary>
    /// How many replicas share the app's quota: while Redis is unreachable each keeps to 1/<see cref="ExpectedReplicas"/>
    /// of it locally, so together they still stay within it. At least 1; defaults to 1.
    /// </summary>
    public int ExpectedReplicas { get; set; } = 1;

    /// <summary>
    /// Whether a replica that cannot reach Redis keeps working on its local share (the default) instead of
    /// failing each request with the Redis client's exception.
    /// </summary>
    public bool FallBackToLocalShare { get; set; } = true;

    /// <summary>
    /// How long a place granted but never finished still counts as in flight — a replica that died mid-request
    /// holds its places no longer than this. More than 0 and at most 10 minutes; defaults to 2 minutes.
    /// </summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest pause between two attempts to return to Redis after it failed; the attempts start a quarter of a
    /// second apart and double up to this. More than 0 and at most 1 minute; defaults to 5 seconds.
    /// </summary>
    public TimeSpan MaxProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws if a setting is out of range, naming it.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            throw new ArgumentException("RedisQuotaOptions.KeyPrefix must not be empty.", nameof(KeyPrefix));
        }

        if (ExpectedReplicas < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpectedReplicas), ExpectedReplicas, "RedisQuotaOptions.ExpectedReplicas must be at least 1.");
        }

        if (InFlightTimeout <= TimeSpan.Zero || InFlightTimeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(InFlightTimeout), InFlightTimeout, "RedisQuotaOptions.InFlightTimeout must be more than 0 and at most 10 minutes.");
        }

        if (MaxProbeInterval <= TimeSpan.Zero || MaxProbeInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxProbeInterval), MaxProbeInterval, "RedisQuotaOptions.MaxProbeInterval must be more than 0 and at most 1 minute.");
        }
    }
}
