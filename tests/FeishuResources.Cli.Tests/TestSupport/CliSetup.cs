namespace FeishuResources.Cli.Tests.TestSupport;

/// <summary>The surroundings of one CLI run: environment variables, working folder, standard input, terminal or not.</summary>
public sealed record CliSetup(string WorkingDirectory, IReadOnlyDictionary<string, string> Environment)
{
    public string StandardInput { get; init; } = string.Empty;

    public bool IsTerminal { get; init; }

    public CancellationToken Cancellation { get; init; }

    internal CliConsole CreateConsole(TextWriter output, TextWriter error) => new()
    {
        Out = output,
        Error = error,
        In = new StringReader(StandardInput),
        IsOutputRedirected = !IsTerminal,
        GetEnvironmentVariable = name => Environment.TryGetValue(name, out string? value) ? value : null,
        CurrentDirectory = WorkingDirectory,
    };
}
