using System.CommandLine;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Commands;

/// <summary><c>feishu-resources message &lt;message_id&gt; &lt;file_key&gt; --type image|file [-o PATH|DIR]</c>.</summary>
internal static class MessageCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var messageId = new Argument<string>("message_id") { Description = "The message that holds the resource (om_…)." };
        var fileKey = new Argument<string>("file_key") { Description = "The image_key or file_key from the message content." };
        var type = new Option<string>("--type")
        {
            Description = "image for images; file for files, audio and video.",
            Required = true,
        }.AcceptOnlyFromAmong(ResourceTypeNames.Image, ResourceTypeNames.File);
        Option<string?> output = CommonOptions.Output("A file to write, or a folder (existing, or ending in /) to save in under the resource's own name. Default: the current folder.");
        var command = new Command("message", "Download an image, file, audio or video in a message: GET /open-apis/im/v1/messages/{message_id}/resources/{file_key}.")
        {
            messageId,
            fileKey,
            type,
            output,
        };
        command.SetRunner(globals, console, (parse, cliOutput, cancellationToken) =>
        {
            ResourceTypeNames.TryParse(parse.GetValue(type)!, out FeishuResourceType resourceType);
            return DownloadRunner.RunAsync(
                ConnectionSettings.Resolve(parse, globals, console),
                DownloadTarget.InMessage(parse.GetValue(messageId)!, parse.GetValue(fileKey)!, resourceType),
                SaveDestination.Resolve(parse.GetValue(output), console.CurrentDirectory),
                cliOutput,
                cancellationToken);
        });
        return command;
    }
}
