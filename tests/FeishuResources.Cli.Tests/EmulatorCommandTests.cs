using System.Text.Json;
using FeishuResources.Cli.Tests.TestSupport;

namespace FeishuResources.Cli.Tests;

/// <summary><c>emulator</c>: announces where it listens and what it serves, serves it, and stops cleanly.</summary>
public sealed class EmulatorCommandTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task In_process_the_emulator_serves_its_seeded_files_to_the_file_command_until_cancelled()
    {
        await using EmulatedPlatform scratch = await EmulatedPlatform.StartAsync();
        using var stop = new CancellationTokenSource();
        var output = new SyncStringWriter();
        var error = new SyncStringWriter();
        CliSetup setup = scratch.Setup with { Cancellation = stop.Token };
        Task<int> running = CliApplication.RunAsync(["emulator", "--json"], setup.CreateConsole(output, error), stop.Token);

        JsonElement banner = await WaitForBannerAsync(output, running);
        CliResult download = await DownloadFirstSeededFileAsync(banner, scratch);
        await stop.CancelAsync();

        Assert.Equal(0, await running);
        Assert.Equal(0, download.ExitCode);
        Assert.Equal("会议纪要 2026-03.txt", Path.GetFileName(Assert.Single(Directory.GetFiles(scratch.WorkingDirectory))));
    }

    [Fact]
    public async Task As_a_process_the_emulator_prints_its_address_credentials_and_keys_and_exits_0_on_SIGTERM()
    {
        await using EmulatedPlatform scratch = await EmulatedPlatform.StartAsync();
        using CliProcess emulator = ProcessCli.Start(scratch.Setup, "emulator", "--port", "0", "--json");

        JsonElement banner = await WaitForBannerAsync(emulator.Out, emulator.Process.WaitForExitAsync());
        CliResult download = await DownloadFirstSeededFileAsync(banner, scratch);
        Signals.Terminate(emulator.Process.Id);
        using var exit = new CancellationTokenSource(StartTimeout);
        await emulator.Process.WaitForExitAsync(exit.Token);

        Assert.Equal(0, download.ExitCode);
        Assert.Equal(0, emulator.Process.ExitCode);
        Assert.StartsWith("http://127.0.0.1:", banner.GetProperty("baseUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, banner.GetProperty("resources").GetArrayLength());
    }

    [Fact]
    public async Task The_plain_banner_shows_the_commands_to_try_with_the_base_url()
    {
        await using EmulatedPlatform scratch = await EmulatedPlatform.StartAsync();
        using var stop = new CancellationTokenSource();
        var output = new SyncStringWriter();
        Task<int> running = CliApplication.RunAsync(["emulator"], scratch.Setup.CreateConsole(output, new SyncStringWriter()), stop.Token);

        await WaitForLineAsync(output, line => line.Contains("Ctrl+C", StringComparison.Ordinal), running);
        string text = output.ToString();
        await stop.CancelAsync();

        Assert.Equal(0, await running);
        Assert.Matches(@"Feishu emulator listening on http://127\.0\.0\.1:\d+/", text);
        Assert.Contains("app id:     cli_emulator", text, StringComparison.Ordinal);
        Assert.Matches(@"feishu-resources file file_v3_\w+ --base-url http://127\.0\.0\.1:\d+/", text);
        Assert.Contains("--type image", text, StringComparison.Ordinal);
    }

    private static async Task<CliResult> DownloadFirstSeededFileAsync(JsonElement banner, EmulatedPlatform scratch)
    {
        JsonElement file = banner.GetProperty("resources").EnumerateArray().First(r => !r.TryGetProperty("messageId", out _));
        CliSetup setup = scratch.Setup with
        {
            Environment = new Dictionary<string, string>
            {
                ["FEISHU_APP_ID"] = banner.GetProperty("appId").GetString()!,
                ["FEISHU_APP_SECRET"] = banner.GetProperty("appSecret").GetString()!,
            },
        };
        return await InProcessCli.RunAsync(setup, "file", file.GetProperty("fileKey").GetString()!, "--base-url", banner.GetProperty("baseUrl").GetString()!);
    }

    private static async Task<JsonElement> WaitForBannerAsync(SyncStringWriter output, Task running)
    {
        string line = await WaitForLineAsync(output, line => line.Contains("\"kind\":\"emulator\"", StringComparison.Ordinal), running);
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    private static async Task<string> WaitForLineAsync(SyncStringWriter output, Func<string, bool> match, Task running)
    {
        Task<string> line = output.WaitForLineAsync(match, StartTimeout);
        Assert.True(await Task.WhenAny(line, running) == line, "the emulator command ended before announcing itself");
        return await line;
    }
}
