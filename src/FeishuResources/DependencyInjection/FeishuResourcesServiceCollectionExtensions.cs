using System;
using System.Linq;
using FeishuResources;
using FeishuResources.Authentication;
using FeishuResources.DependencyInjection;
using FeishuResources.Http;
using FeishuResources.Internal;
using FeishuResources.RateLimiting;
using FeishuResources.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="IFeishuResourceClient"/> with dependency injection.
/// </summary>
public static class FeishuResourcesServiceCollectionExtensions
{
    /// <summary>The configuration section <see cref="AddFeishuResources(IServiceCollection, IConfiguration)"/> looks for.</summary>
    public const string DefaultConfigurationSection = "Feishu";

    /// <summary>
    /// Registers <see cref="IFeishuResourceClient"/> as a typed client of <c>IHttpClientFactory</c>,
    /// configured in code. Options are validated at start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the app id, secret and other options.</param>
    /// <returns>The client's builder, to chain your own handlers or settings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IHttpClientBuilder AddFeishuResources(this IServiceCollection services, Action<FeishuResourcesOptions> configure)
    {
        Guard.NotNull(services, nameof(services));
        Guard.NotNull(configure, nameof(configure));

        services.AddOptions<FeishuResourcesOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="IFeishuResourceClient"/> as a typed client of <c>IHttpClientFactory</c>,
    /// bound to configuration: pass the <c>Feishu</c> section, or the root configuration when it has one
    /// (keys <c>AppId</c>, <c>AppSecret</c>, <c>BaseAddress</c>, …). Options are validated at start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>Feishu</c> section, or a configuration that contains it.</param>
    /// <returns>The client's builder, to chain your own handlers or settings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IHttpClientBuilder AddFeishuResources(this IServiceCollection services, IConfiguration configuration)
    {
        Guard.NotNull(services, nameof(services));
        Guard.NotNull(configuration, nameof(configuration));

        IConfigurationSection nested = configuration.GetSection(DefaultConfigurationSection);
        IConfiguration section = configuration[nameof(FeishuResourcesOptions.AppId)] is null && nested.GetChildren().Any() ? nested : configuration;
        services.AddOptions<FeishuResourcesOptions>().Bind(section).ValidateOnStart();
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeishuResourcesOptions>, FeishuResourcesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FeishuAppTicketStore>();
        services.TryAddSingleton<TokenEndpointClient>();
        services.TryAddSingleton(sp =>
        {
            FeishuResourcesOptions options = sp.GetRequiredService<IOptions<FeishuResourcesOptions>>().Value;
            return new TokenCache(sp.GetRequiredService<TimeProvider>(), options.TokenRefreshMargin, options.AppId);
        });
        services.TryAddSingleton<SelfBuiltAppTokenProvider>();
        services.TryAddSingleton<StoreAppTokenProvider>();
        services.TryAddSingleton<IFeishuTokenProvider>(sp =>
            sp.GetRequiredService<IOptions<FeishuResourcesOptions>>().Value.AppType == FeishuAppType.Store
                ? sp.GetRequiredService<StoreAppTokenProvider>()
                : sp.GetRequiredService<SelfBuiltAppTokenProvider>());
        services.TryAddSingleton<FeishuResiliencePipeline>();
        services.TryAddTransient<ResilienceHandler>();
        services.TryAddTransient<AuthenticationHandler>();
        services.TryAddTransient<RateLimitingHandler>();
        services.TryAddTransient<AttemptTimeoutHandler>();
        services.TryAddTransient<ErrorClassificationHandler>();

        // IHttpClientFactory's default request logging keeps the headers object in its structured state,
        // where sinks that store state (Serilog, OpenTelemetry) would keep the bearer token: the SDK's
        // own LoggerMessage events replace it.
        // The token client bounds each request itself (TokenEndpointClient) and never follows a redirect.
        services.AddHttpClient(TokenEndpointClient.HttpClientName, client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler((handler, _) => RedirectRefusal.Apply(handler))
            .RemoveAllLoggers();

        return services
            .AddHttpClient<IFeishuResourceClient, FeishuResourceClient>(client =>
            {
                // Downloads stream for as long as the body flows; the SDK's own timeouts guard headers and stalls.
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            })
            .RemoveAllLoggers()
            // Outer to inner; see docs/architecture.md for the road of one download.
            .AddHttpMessageHandler<ResilienceHandler>()
            .AddHttpMessageHandler<AuthenticationHandler>()
            .AddHttpMessageHandler<RateLimitingHandler>()
            .AddHttpMessageHandler<AttemptTimeoutHandler>()
            .AddHttpMessageHandler<ErrorClassificationHandler>();
    }
}
