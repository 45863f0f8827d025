using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Cli.Output;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Commands;

/// <summary>
/// Wraps a command's work: picks its output, and reports a failure of the whole command (a missing
/// credential, an unreadable list, a port in use) with its exit code.
/// </summary>
internal static class CommandRunner
{
    /// <param name="command">The command to run.</param>
    /// <param name="console">Where it reports.</param>
    /// <param name="json">Its <c>--json</c> option.</param>
    /// <param name="quiet">Its <c>--quiet</c> option; <see langword="null"/> for a command that draws no progress.</param>
    /// <param name="run">The work.</param>
    public static void SetRunner(this Command command, CliConsole console, Option<bool> json, Option<bool>? quiet, Func<ParseResult, ICliOutput, CancellationToken, Task<int>> run)
        => command.SetAction(async (parse, cancellationToken) =>
        {
            ICliOutput output = OutputFactory.Create(console, parse.GetValue(json), quiet is not null && parse.GetValue(quiet));

            // Said by the output, not by the signal handler: with progress bars drawn, a line written
            // around them is overwritten by the next frame.
            using CancellationTokenRegistration stopping = cancellationToken.Register(output.Stopping);
            try
            {
                return await run(parse, output, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                CliFailure failure = CliFailure.From(exception);
                output.Failure(failure);
                return failure.ExitCode;
            }
        });
}
