using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeishuResources.Redis;

/// <summary>
/// The container's quota once <c>UseRedisQuota</c> was called: the apps of the clients that asked for it share their
/// quota through Redis; every other app keeps the in-process <see cref="FeishuQuota"/>. The quota belongs to the app,
/// so a partition is routed by its app id (resolved from each asking client's options on first use).
/// </summary>
internal sealed class AppRoutedQuota : IFeishuQuota, IDisposable
{
    private readonly FeishuQuota _inProcess;
    private readonly Lazy<Dictionary<string, RedisFeishuQuota>> _shared;

    public AppRoutedQuota(IServiceProvider services, IEnumerable<RedisQuotaRegistration> registrations, IOptionsMonitor<FeishuResourcesOptions> clientOptions, TimeProvider clock, ILoggerFactory loggerFactory)
    {
        _inProcess = new FeishuQuota(clock);
        ILogger logger = loggerFactory.CreateLogger("FeishuResources.Redis.RedisQuota");
        RedisQuotaRegistration[] asked = registrations.ToArray();
        _shared = new Lazy<Dictionary<string, RedisFeishuQuota>>(
            () =>
            {
                var byApp = new Dictionary<string, RedisFeishuQuota>(StringComparer.Ordinal);
                foreach (RedisQuotaRegistration registration in asked)
                {
                    string appId = clientOptions.Get(registration.ClientName).AppId ?? string.Empty;
                    if (!byApp.ContainsKey(appId))
                    {
                        byApp[appId] = new RedisFeishuQuota(registration.Connect(services), registration.FirstConnectWait, registration.OwnsConnection, registration.Options, clock, logger);
                    }
                }

                return byApp;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ValueTask<RateLimitLease> AcquireAsync(FeishuRateLimitPartition partition, FeishuRateLimitOptions limits, CancellationToken cancellationToken)
        => QuotaOf(partition).AcquireAsync(partition, limits, cancellationToken);

    public void Pause(FeishuRateLimitPartition partition, TimeSpan duration) => QuotaOf(partition).Pause(partition, duration);

    public void Dispose()
    {
        if (_shared.IsValueCreated)
        {
            foreach (RedisFeishuQuota quota in _shared.Value.Values)
            {
                quota.Dispose();
            }
        }
    }

    private IFeishuQuota QuotaOf(FeishuRateLimitPartition partition)
        => _shared.Value.TryGetValue(partition.AppId, out RedisFeishuQuota? shared) ? shared : _inProcess;
}
