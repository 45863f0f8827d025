using System;
using System.Net.Http;
using FeishuResources.Authentication;
using FeishuResources.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeishuResources.DependencyInjection;

/// <summary>
/// What one client name owns for the life of its container: its options, token provider (with its own
/// token cache) and resilience pipelines. The handlers and clients of that name, which IHttpClientFactory
/// makes and rotates, all take these from here, so a rotation never resets a token cache and two names
/// never share one.
/// </summary>
internal sealed class FeishuClientContext
{
    private readonly Lazy<IFeishuTokenProvider> _tokenProvider;

    public FeishuClientContext(string name, IServiceProvider services)
    {
        Name = name;
        Options = services.GetRequiredService<IOptionsMonitor<FeishuResourcesOptions>>().Get(name);
        TimeProvider = services.GetRequiredService<TimeProvider>();
        RequestPipeline = new RequestPipeline(Options, TimeProvider, services.GetRequiredService<ILogger<RequestPipeline>>());
        AttemptPipeline = new AttemptPipeline(Options, services.GetRequiredService<IFeishuQuota>(), TimeProvider, services.GetRequiredService<ILogger<AttemptPipeline>>());

        // Lazy: the default name's own provider is registered as IFeishuTokenProvider and resolves this context.
        _tokenProvider = new Lazy<IFeishuTokenProvider>(() => CreateTokenProvider(services));
    }

    public string Name { get; }

    public FeishuResourcesOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public RequestPipeline RequestPipeline { get; }

    public AttemptPipeline AttemptPipeline { get; }

    public IFeishuTokenProvider TokenProvider => _tokenProvider.Value;

    /// <summary>A client of this name over <paramref name="httpClient"/>, which carries this name's handlers.</summary>
    public HttpFeishuResourceClient CreateClient(HttpClient httpClient) => new(httpClient, Options, TimeProvider);

    private bool IsDefault => Name == Microsoft.Extensions.Options.Options.DefaultName;

    private IFeishuTokenProvider CreateTokenProvider(IServiceProvider services)
    {
        if (Options.UsesExternalTokenProvider)
        {
            return IsDefault ? services.GetRequiredService<IFeishuTokenProvider>() : services.GetRequiredKeyedService<IFeishuTokenProvider>(Name);
        }

        var endpoint = new TokenEndpointClient(services.GetRequiredService<IHttpClientFactory>(), Options, TimeProvider);
        var cache = new TokenCache(TimeProvider, Options.TokenRefreshMargin, Options.AppId);
        if (Options.AppType != FeishuAppType.Store)
        {
            return new SelfBuiltAppTokenProvider(endpoint, cache, services.GetRequiredService<ILogger<SelfBuiltAppTokenProvider>>());
        }

        FeishuAppTicketStore tickets = IsDefault ? services.GetRequiredService<FeishuAppTicketStore>() : services.GetRequiredKeyedService<FeishuAppTicketStore>(Name);
        return new StoreAppTokenProvider(endpoint, cache, tickets, services.GetRequiredService<ILogger<StoreAppTokenProvider>>(), TimeProvider);
    }
}
