using System;
using StackExchange.Redis;

namespace FeishuResources.Redis;

/// <summary>
/// Reads a StackExchange.Redis configuration string, also accepting a Unix socket path as its first endpoint
/// (<c>/run/redis/redis.sock,password=…</c>), which StackExchange.Redis's own parser would take for a host name.
/// </summary>
internal static class RedisConnectionString
{
    public static ConfigurationOptions Parse(string connectionString)
    {
        int comma = connectionString.IndexOf(',');
        string first = (comma < 0 ? connectionString : connectionString.Substring(0, comma)).Trim();
        if (!first.StartsWith("/", StringComparison.Ordinal))
        {
            return ConfigurationOptions.Parse(connectionString);
        }

#if NET
        ConfigurationOptions options = comma < 0 ? new ConfigurationOptions() : ConfigurationOptions.Parse(connectionString.Substring(comma + 1));
        options.EndPoints.Add(new System.Net.Sockets.UnixDomainSocketEndPoint(first));
        return options;
#else
        throw new PlatformNotSupportedException("A Unix socket path as the Redis endpoint needs .NET 8 or later; use host:port.");
#endif
    }
}
