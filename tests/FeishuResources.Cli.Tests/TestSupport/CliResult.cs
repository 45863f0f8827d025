namespace FeishuResources.Cli.Tests.TestSupport;

/// <summary>What one run of the CLI produced.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string AllOutput => Out + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}
