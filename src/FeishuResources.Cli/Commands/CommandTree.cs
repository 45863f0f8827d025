using System.CommandLine;
using System.CommandLine.Help;
using System.Linq;

namespace FeishuResources.Cli.Commands;

/// <summary>The whole command line: the root with its global options, the four commands, and help with exit codes.</summary>
internal static class CommandTree
{
    public static RootCommand Create(CliConsole console)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("feishu-resources: download files, images, audio and video from Feishu/Lark chats.");
        globals.AddTo(root);
        root.Subcommands.Add(FileCommand.Create(globals, console));
        root.Subcommands.Add(MessageCommand.Create(globals, console));
        root.Subcommands.Add(BatchCommand.Create(globals, console));
        root.Subcommands.Add(EmulatorCommand.Create(globals, console));

        HelpOption help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExitCodesHelpAction((HelpAction)help.Action!);
        return root;
    }
}
