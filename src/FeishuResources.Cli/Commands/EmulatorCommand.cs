using System.CommandLine;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Commands;

/// <summary><c>feishu-resources emulator [--port N] [--app-id ID] [--app-secret SECRET] [--json]</c>.</summary>
internal static class EmulatorCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port")
        {
            Description = "The port to listen on at 127.0.0.1; 0 (the default) lets the OS pick one.",
            DefaultValueFactory = _ => 0,
        };
        port.Validators.Add(static result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value is < 0 or > 65535)
            {
                result.AddError($"--port must be between 0 and 65535, not {value}.");
            }
        });
        var appId = new Option<string?>(DownloadOptions.AppIdName)
        {
            Description = $"The app id the emulator accepts. Defaults to ${ConnectionSettings.AppIdVariable}, else the emulator's own.",
        };
        var appSecret = new Option<string?>(DownloadOptions.AppSecretName)
        {
            Description = $"The app secret the emulator accepts. Defaults to ${ConnectionSettings.AppSecretVariable}, else the emulator's own. Yours is never printed.",
        };
        var json = new Option<bool>(DownloadOptions.JsonName) { Description = "Announce the emulator as one JSON object." };
        var command = new Command("emulator", "Run a local Feishu emulator with sample resources for trying the other commands; prints its address, credentials and keys; stops on Ctrl+C.")
        {
            port,
            appId,
            appSecret,
            json,
        };
        command.SetRunner(console, json, quiet: null, (parse, cliOutput, cancellationToken) => EmulatorRunner.RunAsync(
            parse.GetValue(port),
            ConnectionSettings.OptionOrEnvironment(parse.GetValue(appId), ConnectionSettings.AppIdVariable, console),
            ConnectionSettings.OptionOrEnvironment(parse.GetValue(appSecret), ConnectionSettings.AppSecretVariable, console),
            cliOutput,
            cancellationToken));
        return command;
    }
}
