using System.Diagnostics;

namespace FeishuResources.Cli.Tests.TestSupport;

/// <summary>Sends the signals a service manager (SIGTERM) or a user at the terminal (SIGINT, Ctrl+C) sends.</summary>
public static class Signals
{
    public static void Terminate(int processId) => Send("-TERM", processId);


    private static void Send(string signal, int processId)
    {
        using Process kill = Process.Start("kill", [signal, processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
