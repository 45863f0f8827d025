using System.CommandLine;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Commands;

/// <summary><c>feishu-resources batch &lt;LIST|-&gt; -o DIR [--concurrency N] [--name server|key]</c>.</summary>
internal static class BatchCommand
{
    public const int DefaultConcurrency = 4;
    public const int MaxConcurrency = 16;
    public const string ServerNaming = "server";
    public const string KeyNaming = "key";

    public static Command Create(CliConsole console)
    {
        var options = new DownloadOptions();
        var list = new Argument<string>("list")
        {
            Description = "A file with one item a line — 'file_key' or 'message_id file_key image|file'; blank lines and # comments are skipped — or - for standard input.",
            HelpName = "LIST|-",
        };
        Option<string?> output = CommonOptions.Output("The folder to save in (created when missing). Items saved completely by an earlier run are skipped.", required: true);
        var concurrency = new Option<int>("--concurrency")
        {
            Description = $"Downloads at a time, 1 to {MaxConcurrency}.",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultConcurrency,
        };
        concurrency.Validators.Add(static result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value is < 1 or > MaxConcurrency)
            {
                result.AddError($"--concurrency must be between 1 and {MaxConcurrency}, not {value}.");
            }
        });
        var naming = new Option<string>("--name")
        {
            Description = "How saved files are named: server (the name Feishu sends; items named alike become 'r (1).bin') or key (the resource key with the name's extension, 'file_v3_….bin').",
            DefaultValueFactory = _ => ServerNaming,
        }.AcceptOnlyFromAmong(ServerNaming, KeyNaming);
        var command = new Command("batch", "Download many resources into a folder, resumably, with a summary; exits non-zero when any item failed.")
        {
            list,
            output,
            concurrency,
            naming,
        };
        options.AddTo(command);
        command.SetRunner(console, options.Json, options.Quiet, (parse, cliOutput, cancellationToken) => BatchRunner.RunAsync(
            ConnectionSettings.Resolve(parse, options, console),
            parse.GetValue(list)!,
            parse.GetValue(output)!,
            parse.GetValue(concurrency),
            parse.GetValue(naming) == KeyNaming ? ItemNaming.Key : ItemNaming.Server,
            console,
            cliOutput,
            cancellationToken));
        return command;
    }
}
