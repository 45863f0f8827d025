using System.Text.Json;
using FeishuResources.Cli.Tests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.Cli.Tests;

/// <summary><c>batch</c> in-process: the list format, resuming a half-done batch, the summary and exit code.</summary>
public sealed class BatchCommandTests
{
    private static readonly string List = string.Join('\n',
        "# quarterly backup",
        EmulatedPlatform.ReportKey,
        string.Empty,
        $"{EmulatedPlatform.MessageId} {EmulatedPlatform.PhotoKey} image",
        "   # an indented comment",
        $"{EmulatedPlatform.MessageId} {EmulatedPlatform.SheetKey} file",
        EmulatedPlatform.NotesKey);

    [Fact]
    public async Task A_half_done_batch_resumes_skipping_what_was_saved_and_finishing_the_rest()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        await File.WriteAllTextAsync(platform.PathOf("list.txt"), List);
        platform.Emulator.Faults.FailWith(234041, EmulatedPlatform.SheetKey, times: 1);
        string[] args = platform.Args("batch", "list.txt", "-o", "backup", "--concurrency", "2");

        CliResult first = await InProcessCli.RunAsync(platform.Setup, args);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("3 saved, 0 skipped, 1 failed.", first.Out, StringComparison.Ordinal);
        Assert.Contains($"Failed items:\n  {EmulatedPlatform.MessageId} {EmulatedPlatform.SheetKey} file (exit code 1, code 234041", first.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.False(File.Exists(platform.PathOf("backup", EmulatedPlatform.SheetName)));
        Assert.True(File.Exists(platform.PathOf("backup", ".feishu-resources-manifest.json")));

        CliResult second = await InProcessCli.RunAsync(platform.Setup, args);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("1 saved, 3 skipped, 0 failed.", second.Out, StringComparison.Ordinal);
        Assert.Equal(1, platform.DownloadsOf(EmulatedPlatform.ReportKey));
        Assert.Equal(1, platform.DownloadsOf(EmulatedPlatform.PhotoKey));
        Assert.Equal(1, platform.DownloadsOf(EmulatedPlatform.NotesKey));
        Assert.Equal(2, platform.DownloadsOf(EmulatedPlatform.SheetKey));
        Assert.Equal(
            new[] { ".feishu-resources-manifest.json", EmulatedPlatform.PhotoKey + ".png", EmulatedPlatform.NotesName, EmulatedPlatform.SheetName, EmulatedPlatform.ReportName }.Order(StringComparer.Ordinal),
            Directory.GetFiles(platform.PathOf("backup")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(EmulatorContentBytes.Of(platform.Sheet), await File.ReadAllBytesAsync(platform.PathOf("backup", EmulatedPlatform.SheetName)));
    }

    [Fact]
    public async Task An_item_whose_saved_file_was_deleted_is_downloaded_again()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        string[] args = platform.Args("batch", "-", "-o", "backup");
        CliSetup setup = platform.Setup with { StandardInput = EmulatedPlatform.NotesKey };
        Assert.Equal(0, (await InProcessCli.RunAsync(setup, args)).ExitCode);
        File.Delete(platform.PathOf("backup", EmulatedPlatform.NotesName));

        CliResult again = await InProcessCli.RunAsync(setup, args);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(2, platform.DownloadsOf(EmulatedPlatform.NotesKey));
        Assert.True(File.Exists(platform.PathOf("backup", EmulatedPlatform.NotesName)));
    }

    [Fact]
    public async Task A_list_from_standard_input_is_read_with_comments_blank_lines_and_repeats_skipped()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        CliSetup setup = platform.Setup with { StandardInput = List + "\n" + EmulatedPlatform.NotesKey + "\n" };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup", "--json"));

        Assert.Equal(0, result.ExitCode);
        JsonElement[] lines = OutputTests.ParseLines(result.Out);
        Assert.Equal(4, lines.Count(line => line.GetProperty("kind").GetString() == "item"));
        JsonElement summary = lines[^1];
        Assert.Equal("summary", summary.GetProperty("kind").GetString());
        Assert.Equal(4, summary.GetProperty("saved").GetInt32());
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        Assert.Equal(1, platform.DownloadsOf(EmulatedPlatform.NotesKey));
    }

    [Fact]
    public async Task When_all_failures_agree_the_batch_exits_with_their_code_and_lists_them()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        CliSetup setup = platform.Setup with { StandardInput = $"{EmulatedPlatform.NotesKey}\n{EmulatedPlatform.MessageId} file_v3_gone file\n{EmulatedPlatform.SheetKey}\n" };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup", "--json"));

        Assert.Equal(4, result.ExitCode);
        JsonElement summary = OutputTests.ParseLines(result.Out)[^1];
        Assert.Equal(2, summary.GetProperty("failed").GetInt32());
        Assert.Equal(
            new[] { $"{EmulatedPlatform.MessageId} file_v3_gone file", EmulatedPlatform.SheetKey }.Order(StringComparer.Ordinal),
            summary.GetProperty("failedItems").EnumerateArray().Select(item => item.GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("om_1 file_v3_1")]
    [InlineData("om_1 file_v3_1 video")]
    [InlineData("a b c d")]
    public async Task A_malformed_line_fails_the_batch_with_2_naming_the_line_before_any_download(string badLine)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        CliSetup setup = platform.Setup with { StandardInput = EmulatedPlatform.NotesKey + "\n\n" + badLine + "\n" };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("standard input, line 3", result.Error, StringComparison.Ordinal);
        Assert.Empty(platform.Emulator.Traffic.Requests);
    }

    [Fact]
    public async Task A_missing_list_file_is_a_usage_error()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("batch", "no-such-list.txt", "-o", "backup"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-list.txt", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n\n")]
    public async Task An_empty_list_still_prints_a_summary_line(string list)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        CliSetup setup = platform.Setup with { StandardInput = list };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0 saved, 0 skipped, 0 failed.", result.Out.Trim());
    }

    [Fact]
    public async Task A_batch_of_one_item_prints_its_line_and_a_summary()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        CliSetup setup = platform.Setup with { StandardInput = EmulatedPlatform.NotesKey };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup"));

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("1 saved, 0 skipped, 0 failed.", result.Out.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_during_a_batch_shows_stopping_above_the_bars_and_sums_up_what_was_saved_and_what_was_not()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        // The second item's headers never come before the Ctrl+C: it is in flight when the batch stops.
        platform.Emulator.Faults.DelayHeaders(TimeSpan.FromSeconds(30), EmulatedPlatform.ReportKey);
        using var ctrlC = new CancellationTokenSource();
        var output = new SyncStringWriter();
        var error = new SyncStringWriter();
        CliSetup setup = platform.Setup with { IsTerminal = true, StandardInput = $"{EmulatedPlatform.NotesKey}\n{EmulatedPlatform.ReportKey}\n{EmulatedPlatform.MessageId} {EmulatedPlatform.PhotoKey} image\n" };
        Task<int> running = CliApplication.RunAsync(platform.Args("batch", "-", "-o", "backup", "--concurrency", "1"), setup.CreateConsole(output, error), ctrlC.Token);

        await output.WaitForLineAsync(line => line.Contains("saved    " + EmulatedPlatform.NotesKey, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await ctrlC.CancelAsync();
        int exitCode = await running.WaitAsync(TimeSpan.FromSeconds(30));

        string text = output.ToString();
        Assert.Equal(1, exitCode);
        Assert.Contains("Stopping…", text, StringComparison.Ordinal);
        Assert.Contains("1 saved, 0 skipped, 0 failed, 2 not saved (cancelled).", text, StringComparison.Ordinal);
        Assert.Contains($"Not saved (cancelled):\n  {EmulatedPlatform.ReportKey}\n  {EmulatedPlatform.MessageId} {EmulatedPlatform.PhotoKey} image", error.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(
            new[] { ".feishu-resources-manifest.json", EmulatedPlatform.NotesName }.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(platform.PathOf("backup")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_during_a_json_batch_ends_with_a_summary_listing_the_items_not_saved()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.Faults.DelayHeaders(TimeSpan.FromSeconds(30), EmulatedPlatform.ReportKey);
        using var ctrlC = new CancellationTokenSource();
        var output = new SyncStringWriter();
        CliSetup setup = platform.Setup with { StandardInput = $"{EmulatedPlatform.NotesKey}\n{EmulatedPlatform.ReportKey}\n" };
        Task<int> running = CliApplication.RunAsync(platform.Args("batch", "-", "-o", "backup", "--concurrency", "1", "--json"), setup.CreateConsole(output, new SyncStringWriter()), ctrlC.Token);

        await output.WaitForLineAsync(line => line.Contains("\"status\":\"saved\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await ctrlC.CancelAsync();
        int exitCode = await running.WaitAsync(TimeSpan.FromSeconds(30));

        JsonElement summary = OutputTests.ParseLines(output.ToString())[^1];
        Assert.Equal(1, exitCode);
        Assert.Equal("summary", summary.GetProperty("kind").GetString());
        Assert.Equal(1, summary.GetProperty("saved").GetInt32());
        Assert.Equal(1, summary.GetProperty("cancelled").GetInt32());
        Assert.Equal([EmulatedPlatform.ReportKey], summary.GetProperty("cancelledItems").EnumerateArray().Select(item => item.GetString()));
    }

    [Fact]
    public async Task With_name_key_items_the_server_names_alike_are_saved_under_their_keys_and_the_summary_says_which_file_each_became()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        string[] keys = ["file_v3_r_one", "file_v3_r_two", "file_v3_r_three"];
        foreach (string key in keys)
        {
            platform.Emulator.AddFile(key, FeishuEmulatorContent.Generated(100, seed: key.Length), "application/octet-stream", "r.bin");
        }

        CliSetup setup = platform.Setup with { StandardInput = string.Join('\n', keys) + $"\n{EmulatedPlatform.MessageId} {EmulatedPlatform.PhotoKey} image\n" };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup", "--name", "key", "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            new[] { ".feishu-resources-manifest.json", "file_v3_r_one.bin", "file_v3_r_two.bin", "file_v3_r_three.bin", EmulatedPlatform.PhotoKey + ".png" }.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(platform.PathOf("backup")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        JsonElement files = OutputTests.ParseLines(result.Out)[^1].GetProperty("files");
        Assert.Equal(platform.PathOf("backup", "file_v3_r_two.bin"), files.GetProperty("file_v3_r_two").GetString());
        Assert.Equal(platform.PathOf("backup", EmulatedPlatform.PhotoKey + ".png"), files.GetProperty($"{EmulatedPlatform.MessageId} {EmulatedPlatform.PhotoKey} image").GetString());
    }

    [Fact]
    public async Task With_name_key_one_key_in_two_messages_gets_two_files_and_nothing_is_ever_replaced()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        FeishuEmulatorContent forwarded = FeishuEmulatorContent.Generated(100, seed: 7);
        platform.Emulator.AddMessageResource("om_second", EmulatedPlatform.SheetKey, FeishuResourceType.File, forwarded, "application/octet-stream", "other.xlsx");
        Directory.CreateDirectory(platform.PathOf("backup"));
        await File.WriteAllTextAsync(platform.PathOf("backup", EmulatedPlatform.SheetKey + ".xlsx"), "the user's own file");
        CliSetup setup = platform.Setup with { StandardInput = $"{EmulatedPlatform.MessageId} {EmulatedPlatform.SheetKey} file\nom_second {EmulatedPlatform.SheetKey} file\n" };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup", "--name", "key", "--concurrency", "1"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("the user's own file", await File.ReadAllTextAsync(platform.PathOf("backup", EmulatedPlatform.SheetKey + ".xlsx")));
        Assert.Equal(EmulatorContentBytes.Of(platform.Sheet), await File.ReadAllBytesAsync(platform.PathOf("backup", EmulatedPlatform.SheetKey + " (1).xlsx")));
        Assert.Equal(EmulatorContentBytes.Of(forwarded), await File.ReadAllBytesAsync(platform.PathOf("backup", EmulatedPlatform.SheetKey + " (2).xlsx")));
        Assert.Equal(4, Directory.GetFileSystemEntries(platform.PathOf("backup")).Length);
    }

    [Fact]
    public async Task By_default_items_keep_the_servers_name()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.AddFile("file_v3_r_one", FeishuEmulatorContent.Generated(100), "application/octet-stream", "r.bin");
        platform.Emulator.AddFile("file_v3_r_two", FeishuEmulatorContent.Generated(100), "application/octet-stream", "r.bin");
        CliSetup setup = platform.Setup with { StandardInput = "file_v3_r_one\nfile_v3_r_two\n" };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup", "--concurrency", "1"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(platform.PathOf("backup", "r.bin")));
        Assert.True(File.Exists(platform.PathOf("backup", "r (1).bin")));
    }
}
