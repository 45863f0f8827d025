using System.CommandLine;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Commands;

/// <summary>
/// <c>feishu-resources message &lt;message_id&gt; [&lt;file_key&gt; --type image|file] [--list] [-o PATH|DIR]</c>: one
/// resource of a message, or without a key every resource of it (or their list).
/// </summary>
internal static class MessageCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new DownloadOptions();
        var messageId = RequiredText.Argument("message_id", "The message that holds the resources (om_…).");
        var fileKey = new Argument<string?>("file_key")
        {
            Description = "The image_key or file_key from the message content. Without it, every resource of the message.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var type = new Option<string?>("--type")
        {
            Description = "With a file_key: image for images; file for files, audio and video.",
        }.AcceptOnlyFromAmong(ResourceTypeNames.Image, ResourceTypeNames.File);
        var list = new Option<bool>("--list")
        {
            Description = "Without a file_key: print the message's resources (kind, key, type, name) instead of downloading them.",
        };
        Option<string?> output = CommonOptions.Output("With a file_key: a file to write, or a folder (existing, or ending in /) to save in under the resource's own name. Without: the folder to save every resource in (created when missing). Default: the current folder.");
        var command = new Command("message", "Download a resource in a message (GET /open-apis/im/v1/messages/{message_id}/resources/{file_key}), or without a file_key every resource of the message, read with GET /open-apis/im/v1/messages/{message_id}.")
        {
            messageId,
            fileKey,
            type,
            list,
            output,
        };
        options.AddTo(command);
        // Decided on what was given, not on parsed values: reading a value that failed its own check throws.
        command.Validators.Add(result =>
        {
            string? key = result.GetResult(fileKey)?.Tokens is [var token] ? token.Value : null;
            bool hasKey = key is not null;
            if (hasKey && string.IsNullOrWhiteSpace(key))
            {
                result.AddError("file_key must not be empty.");
            }
            else if (hasKey && result.GetResult(list) is { Implicit: false })
            {
                result.AddError("--list lists every resource of the message: give no file_key with it.");
            }
            else if (hasKey != result.GetResult(type) is { Implicit: false })
            {
                result.AddError(hasKey ? "--type is required with a file_key: image for images; file for files, audio and video." : "--type goes with a file_key; without one, every resource is downloaded with its own type.");
            }
        });
        command.SetRunner(console, options.Json, options.Quiet, (parse, cliOutput, cancellationToken) =>
        {
            ConnectionSettings settings = ConnectionSettings.Resolve(parse, options, console);
            string id = parse.GetValue(messageId)!;
            if (parse.GetValue(fileKey) is not { } key)
            {
                return parse.GetValue(list)
                    ? MessageResourcesRunner.ListAsync(settings, id, cliOutput, cancellationToken)
                    : MessageResourcesRunner.DownloadAllAsync(settings, id, SaveDestination.Folder(parse.GetValue(output), console.CurrentDirectory), cliOutput, cancellationToken);
            }

            ResourceTypeNames.TryParse(parse.GetValue(type)!, out FeishuResourceType resourceType);
            return DownloadRunner.RunAsync(
                settings,
                DownloadTarget.InMessage(id, key, resourceType),
                SaveDestination.Resolve(parse.GetValue(output), console.CurrentDirectory),
                cliOutput,
                cancellationToken);
        });
        return command;
    }
}
