using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.Cli.Running;

/// <summary>The SDK registered the way an application would, owning its container for one command run.</summary>
internal sealed class ClientHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ClientHost(ServiceProvider provider)
    {
        _provider = provider;
        Client = provider.GetRequiredService<IFeishuResourceClient>();
    }

    public IFeishuResourceClient Client { get; }

    public static ClientHost Create(ConnectionSettings settings)
    {
        var services = new ServiceCollection();

        // No logging provider: the CLI reports through its own output, and nothing else should reach the console.
        services.AddLogging();
        services.AddFeishuResources(options =>
        {
            options.AppId = settings.AppId;
            options.AppSecret = settings.AppSecret;
            options.BaseAddress = settings.BaseAddress;
        });
        return new ClientHost(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
