using System.Text.Json;
using FeishuResources.Cli.Tests.TestSupport;

namespace FeishuResources.Cli.Tests;

/// <summary>The built tool as its own process with redirected output: what a script or a CI job sees.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task File_saves_a_Chinese_name_on_disk_exactly_and_prints_one_plain_line()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await ProcessCli.RunAsync(platform.Setup, platform.Args("file", EmulatedPlatform.ReportKey));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(EmulatedPlatform.ReportName, Path.GetFileName(Assert.Single(Directory.GetFiles(platform.WorkingDirectory))));
        Assert.Equal(EmulatorContentBytes.Of(platform.Report), await File.ReadAllBytesAsync(platform.PathOf(EmulatedPlatform.ReportName)));
        Assert.Equal($"saved    {EmulatedPlatform.ReportKey} -> {platform.PathOf(EmulatedPlatform.ReportName)} (300,000 bytes)", result.Out.TrimEnd());
        Assert.DoesNotContain('\u001b', result.AllOutput);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Message_saves_into_the_folder_given_with_o()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await ProcessCli.RunAsync(platform.Setup, platform.Args("message", EmulatedPlatform.MessageId, EmulatedPlatform.SheetKey, "--type", "file", "-o", "inbox/"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(EmulatorContentBytes.Of(platform.Sheet), await File.ReadAllBytesAsync(platform.PathOf("inbox", EmulatedPlatform.SheetName)));
    }

    [Fact]
    public async Task Batch_from_standard_input_resumes_after_a_failure_with_plain_redirected_output()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.Faults.FailWith(234003, EmulatedPlatform.NotesKey, times: 1);
        CliSetup setup = platform.Setup with { StandardInput = $"# backup\n{EmulatedPlatform.ReportKey}\n{EmulatedPlatform.NotesKey}\n" };
        string[] args = platform.Args("batch", "-", "-o", "backup");

        CliResult first = await ProcessCli.RunAsync(setup, args);
        CliResult second = await ProcessCli.RunAsync(setup, args);

        Assert.Equal(4, first.ExitCode);
        Assert.Contains("1 saved, 0 skipped, 1 failed.", first.Out, StringComparison.Ordinal);
        Assert.Contains("Failed items:", first.Error, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"skipped  {EmulatedPlatform.ReportKey}", second.Out, StringComparison.Ordinal);
        Assert.Contains($"saved    {EmulatedPlatform.NotesKey}", second.Out, StringComparison.Ordinal);
        Assert.Equal(1, platform.DownloadsOf(EmulatedPlatform.ReportKey));
        Assert.DoesNotContain('\u001b', first.AllOutput + second.AllOutput);
    }

    [Fact]
    public async Task Json_output_of_a_batch_parses_line_by_line()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        await File.WriteAllTextAsync(platform.PathOf("list.txt"), $"{EmulatedPlatform.ReportKey}\n{EmulatedPlatform.MessageId} {EmulatedPlatform.PhotoKey} image\n");

        CliResult result = await ProcessCli.RunAsync(platform.Setup, platform.Args("batch", "list.txt", "-o", "backup", "--json"));

        Assert.Equal(0, result.ExitCode);
        JsonElement[] lines = OutputTests.ParseLines(result.Out);
        Assert.Equal(["item", "item", "summary"], lines.Select(line => line.GetProperty("kind").GetString()));
        Assert.Contains(lines, line => line.GetProperty("path").GetString()?.EndsWith(EmulatedPlatform.ReportName, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Help_as_a_process_lists_the_commands_and_exit_codes()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await ProcessCli.RunAsync(platform.Setup, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("feishu-resources [command] [options]", result.Out, StringComparison.Ordinal);
        foreach (string command in new[] { "file <file_key>", "message <message_id> <file_key>", "batch <LIST|->", "emulator" })
        {
            Assert.Contains(command, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("6  rate limited", result.Out, StringComparison.Ordinal);
    }
}
