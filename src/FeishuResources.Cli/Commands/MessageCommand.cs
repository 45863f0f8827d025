using System.CommandLine;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Commands;

/// <summary><c>feishu-resources message &lt;message_id&gt; &lt;file_key&gt; --type image|file [-o PATH|DIR]</c>.</summary>
internal static class MessageCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new DownloadOptions();
        var messageId = RequiredText.Argument("message_id", "The message that holds the resource (om_…).");
        var fileKey = RequiredText.Argument("file_key", "The image_key or file_key from the message content.");
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
        options.AddTo(command);
        command.SetRunner(console, options.Json, options.Quiet, (parse, cliOutput, cancellationToken) =>
        {
            ResourceTypeNames.TryParse(parse.GetValue(type)!, out FeishuResourceType resourceType);
            return DownloadRunner.RunAsync(
                ConnectionSettings.Resolve(parse, options, console),
                DownloadTarget.InMessage(parse.GetValue(messageId)!, parse.GetValue(fileKey)!, resourceType),
                SaveDestination.Resolve(parse.GetValue(output), console.CurrentDirectory),
                cliOutput,
                cancellationToken);
        });
        return command;
    }
}
