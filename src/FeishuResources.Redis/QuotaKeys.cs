using System;
using System.Globalization;
using StackExchange.Redis;

namespace FeishuResources.Redis;

/// <summary>
/// The keys of one partition (app, API, tenant). Both carry the same hash tag, so they live in one Redis Cluster
/// slot and one script may touch both.
/// </summary>
internal sealed class QuotaKeys
{
    public QuotaKeys(string prefix, FeishuRateLimitPartition partition)
    {
        string tag = string.Format(CultureInfo.InvariantCulture, "{0}:{{{1}:{2}:{3}}}", prefix, partition.AppId, (int)partition.Api, partition.TenantKey ?? string.Empty);
        Places = tag + ":places";
        Pause = tag + ":pause";
        Both = new RedisKey[] { Places, Pause };
        OnlyPlaces = new RedisKey[] { Places };
        OnlyPause = new RedisKey[] { Pause };
    }

    /// <summary>The sorted set of places: member = one request, score = its anchor in µs of Redis time (in the future while in flight).</summary>
    public RedisKey Places { get; }

    /// <summary>The shared pause after a 429: present while it holds, expiring by itself.</summary>
    public RedisKey Pause { get; }

    public RedisKey[] Both { get; }

    public RedisKey[] OnlyPlaces { get; }

    public RedisKey[] OnlyPause { get; }
}
