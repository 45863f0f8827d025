using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FeishuResources.Cli.Backup;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Commands;

/// <summary>
/// <c>feishu-resources chat &lt;chat_id&gt; -o DIR [--since T] [--until T] [--threads] [--concurrency N]</c>: every resource
/// of every message of a chat, incrementally and resumably, with an index.
/// </summary>
internal static class ChatCommand
{
    private const int DefaultConcurrency = 8;
    private const int MaxConcurrency = 50;

    public static Command Create(CliConsole console)
    {
        var options = new DownloadOptions();
        var chatId = RequiredText.Argument("chat_id", "The chat to back up (oc_…); the bot must be in it.");
        Option<string?> output = CommonOptions.Output("The backup folder (created when missing): the files, index.jsonl and the state that makes the next run fetch only what is new or failed.", required: true);
        Option<DateTimeOffset?> since = TimeOption("--since", "Only messages sent at or after this date or time (ISO 8601, UTC unless an offset is given), e.g. 2026-01-01 or 2026-01-01T08:00+08:00.");
        Option<DateTimeOffset?> until = TimeOption("--until", "Only messages sent at or before this date or time (same forms as --since).");
        var threads = new Option<bool>("--threads")
        {
            Description = "Also every reply in the chat's threads (a chat's listing shows only a thread's first message).",
        };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Resources downloaded at once, 1 to 50 (each request still waits for the platform's quota).",
            DefaultValueFactory = _ => DefaultConcurrency,
        };
        concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxConcurrency)
            {
                result.AddError("--concurrency must be between 1 and " + MaxConcurrency + ".");
            }
        });
        var command = new Command("chat", "Back up every resource of a chat into a folder, incrementally: lists the chat with GET /open-apis/im/v1/messages and saves each message's images, files, audio and video, with an index.jsonl (message, time, sender, name, path, bytes, SHA-256).")
        {
            chatId,
            output,
            since,
            until,
            threads,
            concurrency,
        };
        options.AddTo(command);
        command.SetRunner(console, options.Json, options.Quiet, (parse, cliOutput, cancellationToken) =>
        {
            if (parse.GetValue(since) > parse.GetValue(until))
            {
                throw new CliUsageException("--since is after --until.");
            }

            ConnectionSettings settings = ConnectionSettings.Resolve(parse, options, console);
            var request = new ChatBackupRequest(
                parse.GetValue(chatId)!,
                SaveDestination.Folder(parse.GetValue(output), console.CurrentDirectory),
                parse.GetValue(since),
                parse.GetValue(until),
                parse.GetValue(threads),
                parse.GetValue(concurrency));
            return ChatBackupRunner.RunAsync(settings, request, cliOutput, cancellationToken);
        });
        return command;
    }

    private static Option<DateTimeOffset?> TimeOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DATE|TIME",
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value))
            {
                return value;
            }

            result.AddError(name + " must be a date or time such as 2026-01-01 or 2026-01-01T08:00+08:00, not '" + text + "'.");
            return null;
        },
    };
}
