using System;
using System.IO;

namespace FeishuResources.Cli;

/// <summary>
/// Everything the CLI takes from its surroundings — streams, whether stdout is a terminal, environment
/// variables and the working directory — so tests can run the real commands inside their own process.
/// </summary>
internal sealed class CliConsole
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader In { get; init; }

    /// <summary>Whether stdout goes to a file or pipe rather than a terminal: then no progress bars are drawn.</summary>
    public required bool IsOutputRedirected { get; init; }

    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    public required string CurrentDirectory { get; init; }

    public static CliConsole FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        IsOutputRedirected = Console.IsOutputRedirected,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        CurrentDirectory = Environment.CurrentDirectory,
    };
}
