using System.Net;
using FeishuResources.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FeishuResources.AspNetCore.Tests.TestSupport;

/// <summary>The sample app with its <c>Feishu</c> configuration pointed at an emulator.</summary>
public sealed class SampleApp : WebApplicationFactory<Program>
{
    private readonly FeishuEmulator _emulator;
    private readonly IReadOnlyDictionary<string, string> _overrides;

    /// <param name="emulator">The emulator the sample's Feishu section points at.</param>
    /// <param name="overrides">Further settings, applied after the emulator's (for example another base address).</param>
    public SampleApp(FeishuEmulator emulator, IReadOnlyDictionary<string, string>? overrides = null)
    {
        _emulator = emulator;
        _overrides = overrides ?? new Dictionary<string, string>();
    }

    /// <summary>What the sample logged, filtered by its own configured levels.</summary>
    public FakeLogCollector Logs { get; } = new();

    /// <summary>Runs the sample on Kestrel at 127.0.0.1 with an OS-assigned port, for clients outside the process.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        string address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Uri(address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Feishu:AppId", _emulator.AppId);
        builder.UseSetting("Feishu:AppSecret", _emulator.AppSecret);
        builder.UseSetting("Feishu:BaseAddress", _emulator.BaseAddress.ToString());
        foreach ((string key, string value) in _overrides)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)));
    }
}
