using FeishuResources.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.IntegrationTests.TestSupport;

/// <summary>An emulator and the real SDK wired to it through dependency injection, talking over real sockets.</summary>
public sealed class EmulatedFeishu : IAsyncDisposable
{
    private EmulatedFeishu(FeishuEmulator emulator, ServiceProvider services)
    {
        Emulator = emulator;
        Services = services;
    }

    private static readonly string DefaultAppId = new FeishuEmulatorOptions().AppId;

    public FeishuEmulator Emulator { get; }

    public ServiceProvider Services { get; }

    public IFeishuResourceClient Client => Services.GetRequiredService<IFeishuResourceClient>();

    public static async Task<EmulatedFeishu> StartAsync(FeishuEmulatorOptions? options = null, Action<FeishuResourcesOptions>? configure = null)
    {
        // Each test gets its own app: the client-side quota is process-wide per app, and test classes run in parallel.
        options ??= new FeishuEmulatorOptions();
        if (options.AppId == DefaultAppId)
        {
            options.AppId = "cli_it_" + Guid.NewGuid().ToString("N")[..16];
        }

        FeishuEmulator emulator = await FeishuEmulator.StartAsync(options);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFeishuResources(sdk =>
        {
            emulator.ConfigureClient(sdk);
            configure?.Invoke(sdk);
        });
        return new EmulatedFeishu(emulator, services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
