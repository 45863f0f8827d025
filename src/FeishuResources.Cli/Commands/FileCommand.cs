using System.CommandLine;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Commands;

/// <summary><c>feishu-resources file &lt;file_key&gt; [-o PATH|DIR]</c>.</summary>
internal static class FileCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var fileKey = new Argument<string>("file_key") { Description = "The key of a file this bot uploaded (file_v3_…)." };
        Option<string?> output = CommonOptions.Output("A file to write, or a folder (existing, or ending in /) to save in under the file's own name. Default: the current folder.");
        var command = new Command("file", "Download a file this bot uploaded: GET /open-apis/im/v1/files/{file_key}. For files users sent, use 'message'.")
        {
            fileKey,
            output,
        };
        command.SetRunner(globals, console, (parse, cliOutput, cancellationToken) => DownloadRunner.RunAsync(
            ConnectionSettings.Resolve(parse, globals, console),
            DownloadTarget.BotFile(parse.GetValue(fileKey)!),
            SaveDestination.Resolve(parse.GetValue(output), console.CurrentDirectory),
            cliOutput,
            cancellationToken));
        return command;
    }
}
