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
    public static void SetRunner(this Command command, GlobalOptions globals, CliConsole console, Func<ParseResult, ICliOutput, CancellationToken, Task<int>> run)
        => command.SetAction(async (parse, cancellationToken) =>
        {
            ICliOutput output = OutputFactory.Create(console, parse.GetValue(globals.Json), parse.GetValue(globals.Quiet));
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
