using System;
using Microsoft.Extensions.Logging;

namespace FeishuResources.Redis;

/// <summary>The Redis quota's log events.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, EventName = "RedisQuotaUnavailable", Level = LogLevel.Warning,
        Message = "The rate-limit quota shared in Redis is unavailable; this replica keeps to 1/{ExpectedReplicas} of the quota locally until Redis is back.")]
    public static partial void RedisQuotaUnavailable(ILogger logger, int expectedReplicas, Exception exception);

    [LoggerMessage(EventId = 5002, EventName = "RedisQuotaResumed", Level = LogLevel.Information,
        Message = "Redis is reachable again after {DownSeconds} s; the shared rate-limit quota is back in use ({ImportedPlaces} local places handed over).")]
    public static partial void RedisQuotaResumed(ILogger logger, double downSeconds, int importedPlaces);

    [LoggerMessage(EventId = 5003, EventName = "RedisQuotaPauseNotShared", Level = LogLevel.Debug,
        Message = "A 429 pause could not be shared through Redis; it holds this replica only.")]
    public static partial void RedisQuotaPauseNotShared(ILogger logger, Exception exception);
}
