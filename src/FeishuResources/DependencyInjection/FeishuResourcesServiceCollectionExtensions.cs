using System;
using System.Linq;
using FeishuResources;
using FeishuResources.Authentication;
using FeishuResources.DependencyInjection;
using FeishuResources.Http;
using FeishuResources.Internal;
using FeishuResources.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OptionsNames = Microsoft.Extensions.Options.Options;

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

    /// <summary>
    /// Registers a named client, configured in code, beside any other: create it with
    /// <see cref="IFeishuResourceClientFactory.CreateClient(string)"/>. Each name is its own app with its
    /// own options (validated at start), base address, token cache and app ticket store (a store app's is
    /// the keyed service <c>[FromKeyedServices(name)] FeishuAppTicketStore</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name; <see cref="string.Empty"/> is the default client of <see cref="AddFeishuResources(IServiceCollection, Action{FeishuResourcesOptions})"/>.</param>
    /// <param name="configure">Sets the app id, secret and other options of this name.</param>
    /// <returns>The builder of this name's HttpClient, to chain your own handlers or settings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IHttpClientBuilder AddFeishuResources(this IServiceCollection services, string name, Action<FeishuResourcesOptions> configure)
    {
        Guard.NotNull(services, nameof(services));
        Guard.NotNull(name, nameof(name));
        Guard.NotNull(configure, nameof(configure));

        if (name == OptionsNames.DefaultName)
        {
            return AddFeishuResources(services, configure);
        }

        services.AddOptions<FeishuResourcesOptions>(name).Configure(configure).ValidateOnStart();
        return AddNamed(services, name);
    }

    /// <summary>
    /// Registers a named client bound to a configuration section (keys <c>AppId</c>, <c>AppSecret</c>,
    /// <c>BaseAddress</c>, …) beside any other: create it with <see cref="IFeishuResourceClientFactory.CreateClient(string)"/>.
    /// Each name is its own app; options are validated at start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name; <see cref="string.Empty"/> is the default client.</param>
    /// <param name="section">The section holding this client's options, bound as it is.</param>
    /// <returns>The builder of this name's HttpClient, to chain your own handlers or settings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IHttpClientBuilder AddFeishuResources(this IServiceCollection services, string name, IConfiguration section)
    {
        Guard.NotNull(services, nameof(services));
        Guard.NotNull(name, nameof(name));
        Guard.NotNull(section, nameof(section));

        services.AddOptions<FeishuResourcesOptions>(name).Bind(section).ValidateOnStart();
        return name == OptionsNames.DefaultName ? AddCore(services) : AddNamed(services, name);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        AddShared(services);
        services.TryAddSingleton<FeishuAppTicketStore>();
        services.TryAddSingleton(sp => sp.GetRequiredService<FeishuClientContexts>().Get(OptionsNames.DefaultName).TokenProvider);

        IHttpClientBuilder builder = services.AddHttpClient<IFeishuResourceClient, HttpFeishuResourceClient>((System.Net.Http.HttpClient httpClient, IServiceProvider sp) => Context(sp, OptionsNames.DefaultName).CreateClient(httpClient));
        return AddPipeline(services, builder, OptionsNames.DefaultName);
    }

    private static IHttpClientBuilder AddNamed(IServiceCollection services, string name)
    {
        AddShared(services);
        services.TryAddKeyedSingleton<FeishuAppTicketStore>(name);
        return AddPipeline(services, services.AddHttpClient(NamedHttpClientPrefix + name), name);
    }

    private const string NamedHttpClientPrefix = "FeishuResources:";

    /// <summary>What every name shares: the validator, the clock, the quota, the contexts, the factory and the token endpoint's HttpClient.</summary>
    private static void AddShared(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(FeishuClientContexts)))
        {
            return;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeishuResourcesOptions>, FeishuResourcesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFeishuQuota>(sp => new FeishuQuota(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<FeishuClientContexts>();
        services.TryAddSingleton<IFeishuResourceClientFactory, FeishuResourceClientFactory>();

        // The token client bounds each request itself (TokenEndpointClient) and never follows a redirect.
        services.AddHttpClient(TokenEndpointClient.HttpClientName, client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler((handler, _) => RedirectRefusal.Apply(handler))
            .RemoveAllLoggers();
    }

    /// <summary>The SDK's handlers on the name's HttpClient, each taking what it needs from the name's context.</summary>
    private static IHttpClientBuilder AddPipeline(IServiceCollection services, IHttpClientBuilder builder, string name)
    {
        services.AddSingleton(new FeishuClientRegistration(name, builder.Name));

        // IHttpClientFactory's default request logging keeps the headers object in its structured state,
        // where sinks that store state (Serilog, OpenTelemetry) would keep the bearer token: the SDK's
        // own LoggerMessage events replace it.
        return builder
            .ConfigureHttpClient(client =>
            {
                // Downloads stream for as long as the body flows; the SDK's own timeouts guard headers and stalls.
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            })
            .RemoveAllLoggers()
            // Outer to inner; see docs/architecture.md for the road of one download.
            .AddHttpMessageHandler(sp => new ResilienceHandler(Context(sp, name).RequestPipeline, Context(sp, name).TimeProvider))
            .AddHttpMessageHandler(sp => new AuthenticationHandler(Context(sp, name).TokenProvider, sp.GetRequiredService<ILogger<AuthenticationHandler>>()))
            .AddHttpMessageHandler(sp => new AttemptHandler(Context(sp, name).AttemptPipeline, sp.GetRequiredService<IFeishuQuota>(), sp.GetRequiredService<ILogger<AttemptHandler>>()))
            .AddHttpMessageHandler(sp => new ErrorClassificationHandler(Context(sp, name).TimeProvider, Context(sp, name).Options));
    }

    private static FeishuClientContext Context(IServiceProvider services, string name) => services.GetRequiredService<FeishuClientContexts>().Get(name);
}
