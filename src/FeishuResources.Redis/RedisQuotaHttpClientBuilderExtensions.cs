using System;
using System.Linq;
using System.Threading.Tasks;
using FeishuResources;
using FeishuResources.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// <c>UseRedisQuota</c>: the app of the client <c>AddFeishuResources</c> registered shares one strict rate-limit quota
/// with every replica through Redis. Apps of other clients in the container keep their in-process quota.
/// </summary>
public static class RedisQuotaHttpClientBuilderExtensions
{
    /// <summary>Shares this client's app quota through the Redis <paramref name="connectionString"/> points at (a connection this quota makes and owns).</summary>
    /// <param name="builder">The builder <c>AddFeishuResources</c> returned.</param>
    /// <param name="connectionString">A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c> or <c>/run/redis.sock</c>.</param>
    /// <param name="configure">Sets <see cref="RedisQuotaOptions"/>, e.g. <see cref="RedisQuotaOptions.ExpectedReplicas"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or not a valid configuration, or an option is out of range.</exception>
    public static IHttpClientBuilder UseRedisQuota(this IHttpClientBuilder builder, string connectionString, Action<RedisQuotaOptions>? configure = null)
    {
        ThrowIfNull(builder);
        if (connectionString is null)
        {
            throw new ArgumentNullException(nameof(connectionString));
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("connectionString must not be empty or white space.", nameof(connectionString));
        }

        RedisQuotaOptions options = Configured(configure);
        ConfigurationOptions configuration = RedisConnectionString.Parse(connectionString);
        // Redis away at start-up is survivable like Redis away later: connect in the background and fall back meanwhile.
        configuration.AbortOnConnectFail = false;
        // A command must fail at once while the connection is down, not wait in a backlog: waiting callers fall back instead.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        // Reconnect at a steady pace, so replicas that lost Redis together are back within MaxProbeInterval of one another.
        configuration.ReconnectRetryPolicy = new LinearRetry((int)options.MaxProbeInterval.TotalMilliseconds);
        return Register(builder, async _ => await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false), TimeSpan.FromMilliseconds(configuration.ConnectTimeout), ownsConnection: true, options);
    }

    /// <summary>Shares this client's app quota through <paramref name="connection"/>, which stays yours to dispose.</summary>
    /// <param name="builder">The builder <c>AddFeishuResources</c> returned.</param>
    /// <param name="connection">Your connection to Redis.</param>
    /// <param name="configure">Sets <see cref="RedisQuotaOptions"/>, e.g. <see cref="RedisQuotaOptions.ExpectedReplicas"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IHttpClientBuilder UseRedisQuota(this IHttpClientBuilder builder, IConnectionMultiplexer connection, Action<RedisQuotaOptions>? configure = null)
    {
        ThrowIfNull(builder);
        if (connection is null)
        {
            throw new ArgumentNullException(nameof(connection));
        }

        return Register(builder, _ => Task.FromResult(connection), TimeSpan.Zero, ownsConnection: false, Configured(configure));
    }

    /// <summary>Shares this client's app quota through the connection <paramref name="connection"/> returns (called once; the connection stays yours).</summary>
    /// <param name="builder">The builder <c>AddFeishuResources</c> returned.</param>
    /// <param name="connection">Returns your connection to Redis, e.g. the one registered in the container.</param>
    /// <param name="configure">Sets <see cref="RedisQuotaOptions"/>, e.g. <see cref="RedisQuotaOptions.ExpectedReplicas"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IHttpClientBuilder UseRedisQuota(this IHttpClientBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> connection, Action<RedisQuotaOptions>? configure = null)
    {
        ThrowIfNull(builder);
        if (connection is null)
        {
            throw new ArgumentNullException(nameof(connection));
        }

        return Register(builder, services => Task.FromResult(connection(services)), TimeSpan.Zero, ownsConnection: false, Configured(configure));
    }

    private static void ThrowIfNull(IHttpClientBuilder builder)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }
    }

    /// <summary>The options <paramref name="configure"/> sets, checked before anything is registered or connected.</summary>
    private static RedisQuotaOptions Configured(Action<RedisQuotaOptions>? configure)
    {
        var options = new RedisQuotaOptions();
        configure?.Invoke(options);
        options.Validate();
        return options;
    }

    private static IHttpClientBuilder Register(IHttpClientBuilder builder, Func<IServiceProvider, Task<IConnectionMultiplexer>> connect, TimeSpan firstConnectWait, bool ownsConnection, RedisQuotaOptions options)
    {
        builder.Services.AddSingleton(new RedisQuotaRegistration(builder.GetFeishuClientName(), connect, firstConnectWait, ownsConnection, options));
        // AddFeishuResources registered the in-process quota; the routed one keeps it for every app that did not ask.
        builder.Services.Replace(ServiceDescriptor.Singleton<IFeishuQuota>(sp => new AppRoutedQuota(
            sp,
            sp.GetServices<RedisQuotaRegistration>(),
            sp.GetRequiredService<IOptionsMonitor<FeishuResourcesOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? Logging.Abstractions.NullLoggerFactory.Instance)));
        return builder;
    }
}
