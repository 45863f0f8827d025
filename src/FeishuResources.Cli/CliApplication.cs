using System.CommandLine;
using System.CommandLine.Invocation;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Cli.Commands;

namespace FeishuResources.Cli;

/// <summary>
/// The CLI as a function of its arguments and console: the process runs it with the real console, tests
/// with captured streams, an environment of their own and a temporary working directory.
/// </summary>
internal static class CliApplication
{
    public const string UsageHint = "Run 'feishu-resources --help' for usage.";

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        ParseResult parse = CommandTree.Create(console).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            SecretRedaction redaction = SecretRedaction.For(parse, DownloadOptions.AppSecretName);
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync("error: " + redaction.Redact(error.Message)).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync(UsageHint).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Cancellation comes from the caller (Program turns Ctrl+C and SIGTERM into it), never from handlers
        // System.CommandLine would register on the process.
        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
