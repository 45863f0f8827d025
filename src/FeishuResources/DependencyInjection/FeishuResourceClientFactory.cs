using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using FeishuResources.Internal;

namespace FeishuResources.DependencyInjection;

/// <summary>Makes a name's client over that name's HttpClient and context.</summary>
internal sealed class FeishuResourceClientFactory : IFeishuResourceClientFactory
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly FeishuClientContexts _contexts;
    private readonly Dictionary<string, string> _httpClientNames = new(StringComparer.Ordinal);

    public FeishuResourceClientFactory(IHttpClientFactory httpClientFactory, FeishuClientContexts contexts, IEnumerable<FeishuClientRegistration> registrations)
    {
        _httpClientFactory = httpClientFactory;
        _contexts = contexts;
        foreach (FeishuClientRegistration registration in registrations)
        {
            _httpClientNames[registration.Name] = registration.HttpClientName;
        }
    }

    public IFeishuResourceClient CreateClient(string name)
    {
        Guard.NotNull(name, nameof(name));
        if (!_httpClientNames.TryGetValue(name, out string? httpClientName))
        {
            string known = _httpClientNames.Count == 0 ? "none" : string.Join(", ", _httpClientNames.Keys.Select(n => "'" + n + "'"));
            throw new InvalidOperationException(
                $"No Feishu client named '{name}' is registered (registered: {known}); register it with services.AddFeishuResources(\"{name}\", …).");
        }

        return _contexts.Get(name).CreateClient(_httpClientFactory.CreateClient(httpClientName));
    }
}
