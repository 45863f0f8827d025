using System.Net;
using System.Net.Sockets;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>The emulator's <see cref="FeishuEmulatorOptions.Port"/>: OS-assigned by default, a chosen port for manual trials.</summary>
public sealed class EmulatorPortTests
{
    [Fact]
    public async Task By_default_the_emulator_listens_on_a_port_the_OS_picks()
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();

        Assert.Equal("127.0.0.1", emulator.BaseAddress.Host);
        Assert.NotEqual(0, emulator.BaseAddress.Port);
    }

    [Fact]
    public async Task A_port_given_in_the_options_is_the_port_it_listens_on()
    {
        // The OS picks a free port; the emulator is then asked for exactly that one.
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { Port = port });

        Assert.Equal(port, emulator.BaseAddress.Port);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public async Task A_port_out_of_range_is_refused_naming_the_option(int port)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FeishuEmulator.StartAsync(new FeishuEmulatorOptions { Port = port }));

        Assert.Equal(nameof(FeishuEmulatorOptions.Port), error.ParamName);
    }
}
