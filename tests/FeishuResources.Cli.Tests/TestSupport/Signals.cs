using System.Diagnostics;

namespace FeishuResources.Cli.Tests.TestSupport;

/// <summary>Sends SIGTERM, the way a service manager (or a closing terminal) stops the emulator command.</summary>
public static class Signals
{
    public static void Terminate(int processId)
    {
        using Process kill = Process.Start("kill", ["-TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
