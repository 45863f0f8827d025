using System.CommandLine;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Commands;

/// <summary><c>feishu-resources file &lt;file_key&gt; [-o PATH|DIR]</c>.</summary>
internal static class FileCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new DownloadOptions();
        var fileKey = RequiredText.Argument("file_key", "The key of a file this bot uploaded (file_v3_…).");
        Option<string?> output = CommonOptions.Output("A file to write, or a folder (existing, or ending in /) to save in under the file's own name. Default: the current folder.");
        var command = new Command("file", "Download a file this bot uploaded: GET /open-apis/im/v1/files/{file_key}. For files users sent, use 'message'.")
        {
            fileKey,
            output,
        };
        options.AddTo(command);
        command.SetRunner(console, options.Json, options.Quiet, (parse, cliOutput, cancellationToken) => DownloadRunner.RunAsync(
            ConnectionSettings.Resolve(parse, options, console),
            DownloadTarget.BotFile(parse.GetValue(fileKey)!),
            SaveDestination.Resolve(parse.GetValue(output), console.CurrentDirectory),
            cliOutput,
            cancellationToken));
        return command;
    }
}
