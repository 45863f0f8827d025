using System.Text.Json;
using FeishuResources.Cli.Tests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.Cli.Tests;

/// <summary>The three outputs: progress bars on a terminal, plain lines when redirected or quiet, JSON.</summary>
public sealed class OutputTests
{
    [Fact]
    public async Task Json_output_is_one_parsable_object_per_item_then_a_summary()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", EmulatedPlatform.ReportKey, "--json"));

        Assert.Equal(0, result.ExitCode);
        JsonElement[] lines = ParseLines(result.Out);
        Assert.Equal(2, lines.Length);
        Assert.Equal("item", lines[0].GetProperty("kind").GetString());
        Assert.Equal("saved", lines[0].GetProperty("status").GetString());
        Assert.Equal(EmulatedPlatform.ReportKey, lines[0].GetProperty("fileKey").GetString());
        Assert.Equal(platform.PathOf(EmulatedPlatform.ReportName), lines[0].GetProperty("path").GetString());
        Assert.Equal(300_000, lines[0].GetProperty("bytes").GetInt64());
        Assert.Equal("application/pdf", lines[0].GetProperty("contentType").GetString());
        Assert.Equal(34, lines[0].GetProperty("logId").GetString()!.Length);
        Assert.Equal("summary", lines[1].GetProperty("kind").GetString());
        Assert.Equal(1, lines[1].GetProperty("saved").GetInt32());
        Assert.Equal(0, lines[1].GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Json_output_carries_the_content_type_as_Feishu_sent_it_charset_included()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.AddFile("file_v3_charset", FeishuEmulatorContent.Generated(10), "text/plain; charset=utf-8", "charset.txt");

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", "file_v3_charset", "--json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("text/plain; charset=utf-8", ParseLines(result.Out)[0].GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task Json_output_of_a_failure_carries_the_code_log_id_troubleshooter_and_exit_code()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", EmulatedPlatform.SheetKey, "--json"));

        JsonElement item = ParseLines(result.Out)[0];
        JsonElement error = item.GetProperty("error");
        Assert.Equal("failed", item.GetProperty("status").GetString());
        Assert.Equal(234008, error.GetProperty("code").GetInt32());
        Assert.Equal(4, error.GetProperty("exitCode").GetInt32());
        Assert.Equal(400, error.GetProperty("httpStatus").GetInt32());
        Assert.StartsWith("https://", error.GetProperty("troubleshooter").GetString(), StringComparison.Ordinal);
        Assert.Equal(platform.Emulator.Traffic.Requests.Last().LogId, error.GetProperty("logId").GetString());
    }

    [Fact]
    public async Task On_a_terminal_a_download_shows_a_progress_bar_that_reaches_100_percent()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup with { IsTerminal = true }, platform.Args("file", EmulatedPlatform.ReportKey));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(EmulatedPlatform.ReportName, result.Out, StringComparison.Ordinal);
        Assert.Contains("100%", result.Out, StringComparison.Ordinal);
        Assert.Contains("saved    " + EmulatedPlatform.ReportKey, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_terminal_sizes_are_labelled_in_the_binary_units_they_are_computed_in()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup with { IsTerminal = true }, platform.Args("file", EmulatedPlatform.ReportKey));

        // 300,000 bytes are 293.0 KiB (or 300.0 kB); "293.0 KB" mixes the two.
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("293.0 KiB", result.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d (KB|MB|GB)\b", result.Out);
    }

    [Fact]
    public async Task Quiet_on_a_terminal_prints_the_plain_line_and_no_progress_bar()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup with { IsTerminal = true }, platform.Args("file", EmulatedPlatform.ReportKey, "--quiet"));

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("%", result.Out, StringComparison.Ordinal);
        Assert.Equal($"saved    {EmulatedPlatform.ReportKey} -> {platform.PathOf(EmulatedPlatform.ReportName)} (300,000 bytes)", result.Out.TrimEnd());
    }

    internal static JsonElement[] ParseLines(string output)
        => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToArray();
}
