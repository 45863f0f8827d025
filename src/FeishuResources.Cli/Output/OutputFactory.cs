namespace FeishuResources.Cli.Output;

/// <summary>Picks the output: JSON when asked, plain when redirected or quiet, progress bars on a terminal.</summary>
internal static class OutputFactory
{
    public static ICliOutput Create(CliConsole console, bool json, bool quiet)
    {
        if (json)
        {
            return new JsonOutput(console);
        }

        return quiet || console.IsOutputRedirected ? new PlainOutput(console) : new TerminalOutput(console);
    }
}
