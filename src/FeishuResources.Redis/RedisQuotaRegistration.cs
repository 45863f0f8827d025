using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace FeishuResources.Redis;

/// <summary>One <c>UseRedisQuota</c> call, kept in the container: which client name asked, how to reach Redis, and the options.</summary>
internal sealed class RedisQuotaRegistration
{
    public RedisQuotaRegistration(string clientName, Func<IServiceProvider, Task<IConnectionMultiplexer>> connect, TimeSpan firstConnectWait, bool ownsConnection, RedisQuotaOptions options)
    {
        ClientName = clientName;
        Connect = connect;
        FirstConnectWait = firstConnectWait;
        OwnsConnection = ownsConnection;
        Options = options;
    }

    public string ClientName { get; }

    public Func<IServiceProvider, Task<IConnectionMultiplexer>> Connect { get; }

    /// <summary>How long the first callers wait for the connection (the connect timeout) before they start on the local share.</summary>
    public TimeSpan FirstConnectWait { get; }

    /// <summary>Whether the quota made the connection (from a connection string) and so disposes it.</summary>
    public bool OwnsConnection { get; }

    public RedisQuotaOptions Options { get; }
}
