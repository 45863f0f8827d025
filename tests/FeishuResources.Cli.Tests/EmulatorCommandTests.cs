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
        CliSetup setup = WithoutCredentials(scratch) with { Cancellation = stop.Token };
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
        using CliProcess emulator = ProcessCli.Start(WithoutCredentials(scratch), "emulator", "--port", "0", "--json");

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
        Task<int> running = CliApplication.RunAsync(["emulator"], WithoutCredentials(scratch).CreateConsole(output, new SyncStringWriter()), stop.Token);

        await WaitForLineAsync(output, line => line.Contains("Ctrl+C", StringComparison.Ordinal), running);
        string text = output.ToString();
        await stop.CancelAsync();

        Assert.Equal(0, await running);
        Assert.Matches(@"Feishu emulator listening on http://127\.0\.0\.1:\d+/", text);
        Assert.Contains("app id:     cli_emulator", text, StringComparison.Ordinal);
        Assert.Matches(@"feishu-resources file file_v3_\w+ --base-url http://127\.0\.0\.1:\d+/", text);
        Assert.Contains("--type image", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_already_taken_is_reported_as_taken_naming_the_port()
    {
        await using EmulatedPlatform scratch = await EmulatedPlatform.StartAsync();
        int port = scratch.Emulator.BaseAddress.Port;

        CliResult result = await InProcessCli.RunAsync(scratch.Setup, "emulator", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"port {port} is taken", result.Error, StringComparison.Ordinal);
        Assert.Contains("--port", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("File system error", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_offers_only_the_options_the_emulator_honours()
    {
        await using EmulatedPlatform scratch = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(scratch.Setup, "emulator", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string offered in new[] { "--port", "--app-id", "--app-secret", "--json" })
        {
            Assert.Contains(offered, result.Out, StringComparison.Ordinal);
        }

        foreach (string ignored in new[] { "--domain", "--base-url", "--quiet", "-q," })
        {
            Assert.DoesNotContain(ignored, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_emulator_accepts_the_app_id_and_secret_given_to_it_and_never_prints_that_secret()
    {
        const string AppId = "cli_users_own_app";
        const string Secret = "users-own-secret-never-printed-51c0";
        await using EmulatedPlatform scratch = await EmulatedPlatform.StartAsync();
        using var stop = new CancellationTokenSource();
        var output = new SyncStringWriter();
        var error = new SyncStringWriter();
        CliSetup bare = WithoutCredentials(scratch);
        Task<int> running = CliApplication.RunAsync(["emulator", "--app-id", AppId, "--app-secret", Secret], bare.CreateConsole(output, error), stop.Token);

        await WaitForLineAsync(output, line => line.Contains("Ctrl+C", StringComparison.Ordinal), running);
        string baseUrl = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"http://127\.0\.0\.1:\d+/").Value;
        CliSetup user = bare with { Environment = new Dictionary<string, string> { ["FEISHU_APP_ID"] = AppId, ["FEISHU_APP_SECRET"] = Secret } };
        CliResult download = await InProcessCli.RunAsync(user, "file", "file_v3_00cli_meeting_notes", "--base-url", baseUrl);
        await stop.CancelAsync();

        Assert.Equal(0, await running);
        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.Contains("app id:     " + AppId, output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output.ToString() + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_credentials_in_the_environment_the_emulator_accepts_them_and_never_prints_the_secret()
    {
        await using EmulatedPlatform scratch = await EmulatedPlatform.StartAsync();
        using var stop = new CancellationTokenSource();
        var output = new SyncStringWriter();
        var error = new SyncStringWriter();
        Task<int> running = CliApplication.RunAsync(["emulator", "--json"], scratch.Setup.CreateConsole(output, error), stop.Token);

        JsonElement banner = await WaitForBannerAsync(output, running);
        JsonElement file = banner.GetProperty("resources").EnumerateArray().First(r => !r.TryGetProperty("messageId", out _));
        CliResult download = await InProcessCli.RunAsync(scratch.Setup, "file", file.GetProperty("fileKey").GetString()!, "--base-url", banner.GetProperty("baseUrl").GetString()!);
        await stop.CancelAsync();

        Assert.Equal(0, await running);
        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.Equal(scratch.Emulator.AppId, banner.GetProperty("appId").GetString());
        Assert.False(banner.TryGetProperty("appSecret", out _));
        Assert.DoesNotContain(EmulatedPlatform.Secret, output.ToString() + error, StringComparison.Ordinal);
    }

    /// <summary>A user with no credentials of their own, so the emulator announces its own.</summary>
    private static CliSetup WithoutCredentials(EmulatedPlatform scratch) => scratch.Setup with { Environment = new Dictionary<string, string>() };

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
