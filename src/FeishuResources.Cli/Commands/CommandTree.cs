using System.CommandLine;
using System.CommandLine.Help;
using System.Linq;

namespace FeishuResources.Cli.Commands;

/// <summary>The whole command line: the root, the five commands with their options, and help with exit codes.</summary>
internal static class CommandTree
{
    public static RootCommand Create(CliConsole console)
    {
        var root = new RootCommand("feishu-resources: download files, images, audio and video from Feishu/Lark chats.");
        root.Subcommands.Add(FileCommand.Create(console));
        root.Subcommands.Add(MessageCommand.Create(console));
        root.Subcommands.Add(BatchCommand.Create(console));
        root.Subcommands.Add(ChatCommand.Create(console));
        root.Subcommands.Add(EmulatorCommand.Create(console));

        HelpOption help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExitCodesHelpAction((HelpAction)help.Action!);
        return root;
    }
}
