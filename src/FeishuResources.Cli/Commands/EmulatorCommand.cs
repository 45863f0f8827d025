using System.CommandLine;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Commands;

/// <summary><c>feishu-resources emulator [--port N]</c>.</summary>
internal static class EmulatorCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
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
        var command = new Command("emulator", "Run a local Feishu emulator with sample resources for trying the other commands; prints its address, credentials and keys; stops on Ctrl+C.")
        {
            port,
        };
        command.SetRunner(globals, console, (parse, cliOutput, cancellationToken) => EmulatorRunner.RunAsync(parse.GetValue(port), cliOutput, cancellationToken));
        return command;
    }
}
