using System;
using System.Collections.Concurrent;

namespace FeishuResources.DependencyInjection;

/// <summary>The container's one <see cref="FeishuClientContext"/> per client name, made on first use.</summary>
internal sealed class FeishuClientContexts
{
    private readonly ConcurrentDictionary<string, Lazy<FeishuClientContext>> _contexts = new(StringComparer.Ordinal);
    private readonly IServiceProvider _services;

    public FeishuClientContexts(IServiceProvider services) => _services = services;

    public FeishuClientContext Get(string name)
        => _contexts.GetOrAdd(name, n => new Lazy<FeishuClientContext>(() => new FeishuClientContext(n, _services))).Value;
}
