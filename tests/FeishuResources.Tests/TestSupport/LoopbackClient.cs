using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.Tests.TestSupport;

/// <summary>A container with the SDK pointed at a raw loopback server, retries off so each answer is seen once.</summary>
public static class LoopbackClient
{
    /// <param name="baseAddress">The raw server's address.</param>
    /// <param name="configure">Options a test changes on top (applied last).</param>
    /// <param name="extra">Services a test adds, such as a log collector.</param>
    public static ServiceProvider Build(Uri baseAddress, Action<FeishuResourcesOptions>? configure = null, Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection();
        extra?.Invoke(services);
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_raw";
            o.AppSecret = "raw-secret";
            o.BaseAddress = baseAddress;
            o.Retry.MaxRetryAttempts = 0;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }
}
