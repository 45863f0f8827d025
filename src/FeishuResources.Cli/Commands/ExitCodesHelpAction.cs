using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace FeishuResources.Cli.Commands;

/// <summary>The standard help, followed by the exit codes, so <c>--help</c> on any command documents them.</summary>
internal sealed class ExitCodesHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _help;

    public ExitCodesHelpAction(HelpAction help)
    {
        _help = help;
    }

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        int result = _help.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Exit codes:");
        foreach (var (code, meaning) in ExitCodes.Documented)
        {
            output.WriteLine($"  {code}  {meaning}");
        }

        output.WriteLine();
        return result;
    }
}
