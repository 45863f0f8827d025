using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace FeishuResources.Redis.Tests.TestSupport;

/// <summary>
/// One replica of a service in this process: its own container with a client of <see cref="AppId"/> that asked for the
/// Redis quota, whose <see cref="IFeishuQuota"/> (the container's, the plug-in point every download pays from) the tests drive.
/// </summary>
public sealed class QuotaReplica : IAsyncDisposable
{
    public const string AppId = "cli_redis_quota_test";

    private readonly ServiceProvider _services;

    private QuotaReplica(ServiceProvider services)
    {
        _services = services;
        Quota = services.GetRequiredService<IFeishuQuota>();
    }

    public IFeishuQuota Quota { get; }

    public FakeLogCollector Logs => _services.GetFakeLogCollector();

    public static FeishuRateLimitPartition Partition { get; } = new(AppId, FeishuApi.Files);

    public static QuotaReplica Start(string redis, string keyPrefix, Action<RedisQuotaOptions>? configure = null)
    {
        var services = new ServiceCollection().AddFakeLogging();
        services.AddFeishuResources(options =>
            {
                options.AppId = AppId;
                options.AppSecret = "redis-quota-test-secret";
            })
            .UseRedisQuota(redis, options =>
            {
                options.KeyPrefix = keyPrefix;
                configure?.Invoke(options);
            });
        return new QuotaReplica(services.BuildServiceProvider());
    }

    /// <summary>Limits without a safety margin, so the tests can reason in whole windows.</summary>
    public static FeishuRateLimitOptions Limits(int perSecond, int perMinute) => new() { PermitsPerSecond = perSecond, PermitsPerMinute = perMinute, SafetyMargin = TimeSpan.Zero };

    public async Task<System.Threading.RateLimiting.RateLimitLease> AcquireAsync(FeishuRateLimitOptions limits, CancellationToken cancellationToken = default)
    {
        System.Threading.RateLimiting.RateLimitLease lease = await Quota.AcquireAsync(Partition, limits, cancellationToken);
        Assert.True(lease.IsAcquired);
        return lease;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
