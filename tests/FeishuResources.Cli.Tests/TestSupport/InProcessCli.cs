namespace FeishuResources.Cli.Tests.TestSupport;

/// <summary>Runs the CLI's entry point inside the test process with captured streams, its own environment and working folder.</summary>
public static class InProcessCli
{
    public static async Task<CliResult> RunAsync(CliSetup setup, params string[] args)
    {
        var output = new SyncStringWriter();
        var error = new SyncStringWriter();
        int exitCode = await CliApplication.RunAsync(args, setup.CreateConsole(output, error), setup.Cancellation);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
