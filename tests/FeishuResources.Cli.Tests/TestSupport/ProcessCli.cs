using System.Diagnostics;
using System.Text;

namespace FeishuResources.Cli.Tests.TestSupport;

/// <summary>Runs the built CLI as its own process — <c>dotnet feishu-resources.dll …</c> — with redirected streams.</summary>
public static class ProcessCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The CLI's dll, copied next to the tests by the project reference, with its runtimeconfig and deps.</summary>
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "feishu-resources.dll");

    public static CliProcess Start(CliSetup setup, params string[] args)
    {
        // The test host says which dotnet runs the tests; the CLI runs on the same one.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = setup.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child must not pick up credentials from the machine running the tests.
        start.Environment.Remove("FEISHU_APP_ID");
        start.Environment.Remove("FEISHU_APP_SECRET");
        foreach (var (name, value) in setup.Environment)
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    public static async Task<CliResult> RunAsync(CliSetup setup, params string[] args)
    {
        using CliProcess cli = Start(setup, args);
        await cli.Process.StandardInput.WriteAsync(setup.StandardInput);
        cli.Process.StandardInput.Close();

        // Waiting for the exit also waits for both streams to be read to their end.
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await cli.Process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"feishu-resources {string.Join(' ', args)} did not finish in {Timeout.TotalSeconds} s.");
        }

        return new CliResult(cli.Process.ExitCode, cli.Out.ToString(), cli.Error.ToString());
    }
}
