using FeishuResources.Cli.Tests.TestSupport;

namespace FeishuResources.Cli.Tests;

/// <summary>Every documented exit code, reached through the real command against the emulator.</summary>
public sealed class ExitCodeTests
{
    [Theory]
    [MemberData(nameof(ExitCodeCases.All), MemberType = typeof(ExitCodeCases))]
    public async Task In_process_the_command_exits_with_the_documented_code(string situation, int expected)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        var (setup, args) = ExitCodeCases.Arrange(situation, platform);

        CliResult result = await InProcessCli.RunAsync(setup, args);

        Assert.True(expected == result.ExitCode, $"{situation}: expected exit {expected}, got {result}");
    }

    [Theory]
    [MemberData(nameof(ExitCodeCases.All), MemberType = typeof(ExitCodeCases))]
    public async Task As_a_process_the_command_exits_with_the_documented_code(string situation, int expected)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        var (setup, args) = ExitCodeCases.Arrange(situation, platform);

        CliResult result = await ProcessCli.RunAsync(setup, args);

        Assert.True(expected == result.ExitCode, $"{situation}: expected exit {expected}, got {result}");
    }

    [Fact]
    public async Task A_rate_limited_download_is_retried_before_exit_code_6()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        var (setup, args) = ExitCodeCases.Arrange("rate limited after every retry (99991400)", platform);

        CliResult result = await InProcessCli.RunAsync(setup, args);

        Assert.Equal(6, result.ExitCode);
        Assert.True(platform.DownloadsOf(EmulatedPlatform.NotesKey) > 1, "the SDK gives up only after retrying");
    }

    [Fact]
    public async Task Help_documents_every_exit_code()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, "file", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Exit codes:", result.Out, StringComparison.Ordinal);
        foreach (var (code, meaning) in ExitCodes.Documented)
        {
            Assert.Contains($"  {code}  {meaning}", result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Batch_help_shows_the_concurrency_default_and_range()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, "batch", "--help");

        Assert.Matches(@"--concurrency <N>\s+Downloads at a time, 1 to 16\. \[default: 4\]", result.Out);
    }

    [Theory]
    [InlineData("")]
    [InlineData("batch list.txt -o out --concurrency 0")]
    [InlineData("message om_1 img_1 --type video")]
    [InlineData("file k --domain larksuite")]
    [InlineData("file k --base-url ftp://example")]
    [InlineData("emulator --port 70000")]
    [InlineData("emulator --base-url http://127.0.0.1:1/")]
    [InlineData("emulator --domain lark")]
    [InlineData("emulator -q")]
    public async Task Bad_usage_exits_with_2_and_points_to_help(string commandLine)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        // Should a command accept the line and run (an emulator runs until cancelled), the test fails instead of hanging.
        using var runaway = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        CliResult result = await InProcessCli.RunAsync(platform.Setup with { Cancellation = runaway.Token }, commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
        Assert.Empty(platform.Emulator.Traffic.Requests);
    }

    [Theory]
    [InlineData("file", "")]
    [InlineData("file", "   ")]
    [InlineData("message", "", "img_1", "--type", "image")]
    [InlineData("message", "om_1", " ", "--type", "image")]
    public async Task A_blank_key_or_id_is_a_usage_error_in_the_CLIs_words(params string[] args)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args(args));

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"error: (file_key|message_id) must not be empty\.", result.Error);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", result.AllOutput, StringComparison.Ordinal);
        Assert.Empty(platform.Emulator.Traffic.Requests);
    }
}
