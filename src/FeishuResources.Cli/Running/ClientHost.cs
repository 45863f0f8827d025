using System;
using System.Threading.Tasks;

namespace FeishuResources.Cli.Running;

/// <summary>The SDK's client for one command run, made without a container and released with the run.</summary>
internal sealed class ClientHost : IAsyncDisposable
{
    private readonly FeishuResourceClient _client;

    private ClientHost(FeishuResourceClient client) => _client = client;

    public IFeishuResourceClient Client => _client;

    // Nothing is logged: the CLI reports through its own output, and nothing else should reach the console.
    public static ClientHost Create(ConnectionSettings settings)
        => new(FeishuResourceClient.Create(new FeishuResourcesOptions
        {
            AppId = settings.AppId,
            AppSecret = settings.AppSecret,
            BaseAddress = settings.BaseAddress,
        }));

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
