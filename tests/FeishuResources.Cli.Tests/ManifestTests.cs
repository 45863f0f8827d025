using System.Text.Json;
using FeishuResources.Cli.Output;
using FeishuResources.Cli.Running;
using FeishuResources.Cli.Tests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.Cli.Tests;

/// <summary>The batch manifest: recorded even when cancelled right after a save, failures to record it, its version.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task A_cancel_right_after_a_save_still_records_it_so_the_rerun_skips_it_instead_of_saving_a_copy()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        using var cancellation = new CancellationTokenSource();
        CliSetup setup = platform.Setup with { StandardInput = EmulatedPlatform.NotesKey };
        var settings = new ConnectionSettings(platform.Emulator.AppId, EmulatedPlatform.Secret, platform.Emulator.BaseAddress);
        CliConsole console = setup.CreateConsole(new SyncStringWriter(), new SyncStringWriter());

        // Ctrl+C arrives the moment the file is complete on disk, before the manifest records it.
        await BatchRunner.RunAsync(settings, "-", "backup", concurrency: 1, ItemNaming.Server, console, new CancelWhenSavedOutput(console, cancellation), cancellation.Token);
        Assert.True(cancellation.IsCancellationRequested);
        CliResult rerun = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup", "--json"));

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal("skipped", OutputTests.ParseLines(rerun.Out)[0].GetProperty("status").GetString());
        Assert.Equal(1, platform.DownloadsOf(EmulatedPlatform.NotesKey));
        Assert.Equal(
            new[] { ".feishu-resources-manifest.json", EmulatedPlatform.NotesName }.Order(StringComparer.Ordinal),
            Directory.GetFiles(platform.PathOf("backup")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_item_whose_record_cannot_be_written_fails_and_the_batch_still_finishes_with_a_summary()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        // A folder where the manifest file should be: every write of the manifest fails with an I/O error.
        Directory.CreateDirectory(platform.PathOf("backup", ".feishu-resources-manifest.json"));
        CliSetup setup = platform.Setup with { StandardInput = $"{EmulatedPlatform.NotesKey}\n{EmulatedPlatform.ReportKey}\n" };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup", "--concurrency", "1"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("0 saved, 0 skipped, 2 failed.", result.Out, StringComparison.Ordinal);
        Assert.Contains("could not be updated", result.Error, StringComparison.Ordinal);
        Assert.Contains("Failed items:", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, platform.DownloadsOf(EmulatedPlatform.NotesKey));
        Assert.Equal(1, platform.DownloadsOf(EmulatedPlatform.ReportKey));
    }

    [Fact]
    public async Task A_manifest_of_an_unknown_version_fails_with_1_naming_it_before_any_download()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        Directory.CreateDirectory(platform.PathOf("backup"));
        await File.WriteAllTextAsync(platform.PathOf("backup", ".feishu-resources-manifest.json"), """{"version":99,"items":{}}""");
        CliSetup setup = platform.Setup with { StandardInput = EmulatedPlatform.NotesKey };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("has version 99", result.Error, StringComparison.Ordinal);
        Assert.Contains(".feishu-resources-manifest.json", result.Error, StringComparison.Ordinal);
        Assert.Empty(platform.Emulator.Traffic.Requests);
    }

    public static TheoryData<string> DamagedManifests => new()
    {
        "not json",
        "null",
        """{"version":1,"items":null}""",
        """{"version":1,"items":{"file_v3_notes":null}}""",
        """{"version":1,"items":{"file_v3_notes":{"file":null,"bytes":1000,"savedAt":"2026-03-01T00:00:00Z"}}}""",
        """{"version":1,"items":{"file_v3_notes":{"bytes":1000,"savedAt":"2026-03-01T00:00:00Z"}}}""",
        """{"version":1,"items":{"file_v3_notes":{"file":"","bytes":1000,"savedAt":"2026-03-01T00:00:00Z"}}}""",
        """{"version":1,"items":{"file_v3_notes":{"file":"no\u0000tes.txt","bytes":1000,"savedAt":"2026-03-01T00:00:00Z"}}}""",
        """{"version":1,"items":{"file_v3_notes":{"file":"notes.txt","bytes":-1,"savedAt":"2026-03-01T00:00:00Z"}}}""",
        """{"version":1,"items":{"file_v3_notes":{"file":"notes.txt","bytes":1000},"file_v3_report":{"file":"notes.txt","bytes":1000}}}""",
    };

    [Theory]
    [MemberData(nameof(DamagedManifests))]
    public async Task A_damaged_manifest_fails_with_1_naming_it_before_any_download(string manifest)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        Directory.CreateDirectory(platform.PathOf("backup"));
        await File.WriteAllTextAsync(platform.PathOf("backup", ".feishu-resources-manifest.json"), manifest);
        CliSetup setup = platform.Setup with { StandardInput = EmulatedPlatform.NotesKey };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"The batch manifest '{platform.PathOf("backup", ".feishu-resources-manifest.json")}' is damaged", result.Error, StringComparison.Ordinal);
        Assert.Contains("delete it", result.Error, StringComparison.Ordinal);
        Assert.Empty(platform.Emulator.Traffic.Requests);
    }

    [Theory]
    [InlineData("absolute")]
    [InlineData("relative")]
    [InlineData("symlink")]
    public async Task A_manifest_entry_for_a_file_outside_the_folder_never_counts_as_saved(string how)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        Directory.CreateDirectory(platform.PathOf("backup"));
        Directory.CreateDirectory(platform.PathOf("outside"));

        // Exactly as long as the item: only where it is can tell it apart.
        string outside = platform.PathOf("outside", "x");
        byte[] foreign = new byte[platform.Notes.Length];
        await File.WriteAllBytesAsync(outside, foreign);
        string recorded = how switch
        {
            "absolute" => outside,
            "relative" => Path.Combine("..", "outside", "x"),
            _ => "link.txt",
        };
        if (how == "symlink")
        {
            File.CreateSymbolicLink(platform.PathOf("backup", "link.txt"), outside);
        }

        await File.WriteAllTextAsync(
            platform.PathOf("backup", ".feishu-resources-manifest.json"),
            JsonSerializer.Serialize(new { version = 1, items = new Dictionary<string, object> { [EmulatedPlatform.NotesKey] = new { file = recorded, bytes = platform.Notes.Length, savedAt = DateTimeOffset.UnixEpoch } } }));
        CliSetup setup = platform.Setup with { StandardInput = EmulatedPlatform.NotesKey };

        CliResult result = await InProcessCli.RunAsync(setup, platform.Args("batch", "-", "-o", "backup", "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonElement item = OutputTests.ParseLines(result.Out)[0];
        Assert.Equal("saved", item.GetProperty("status").GetString());
        Assert.Equal(platform.PathOf("backup", EmulatedPlatform.NotesName), item.GetProperty("path").GetString());
        Assert.Equal(1, platform.DownloadsOf(EmulatedPlatform.NotesKey));
        Assert.Equal(foreign, await File.ReadAllBytesAsync(outside));
    }

    [Fact]
    public async Task A_download_named_like_the_manifest_never_takes_its_name()
    {
        const string Key = "file_v3_named_like_the_manifest";
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        FeishuEmulatorContent content = FeishuEmulatorContent.Generated(500, seed: 9);
        platform.Emulator.AddFile(Key, content, "application/json", ".feishu-resources-manifest.json");
        CliSetup setup = platform.Setup with { StandardInput = $"{Key}\n{EmulatedPlatform.NotesKey}\n" };
        string[] args = platform.Args("batch", "-", "-o", "backup", "--concurrency", "1", "--json");

        CliResult first = await InProcessCli.RunAsync(setup, args);
        CliResult second = await InProcessCli.RunAsync(setup, args);

        Assert.True(first.ExitCode == 0, first.ToString());
        string saved = OutputTests.ParseLines(first.Out)[0].GetProperty("path").GetString()!;
        Assert.NotEqual(".feishu-resources-manifest.json", Path.GetFileName(saved));
        Assert.Equal(EmulatorContentBytes.Of(content), await File.ReadAllBytesAsync(saved));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["skipped", "skipped"], OutputTests.ParseLines(second.Out)[..2].Select(line => line.GetProperty("status").GetString()));
        Assert.Equal(1, platform.DownloadsOf(Key));
    }

    [Fact]
    public async Task A_recorded_file_that_no_longer_matches_is_replaced_by_the_good_download_not_shadowed()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        CliSetup setup = platform.Setup with { StandardInput = EmulatedPlatform.NotesKey };
        string[] args = platform.Args("batch", "-", "-o", "backup");
        Assert.Equal(0, (await InProcessCli.RunAsync(setup, args)).ExitCode);
        string saved = platform.PathOf("backup", EmulatedPlatform.NotesName);
        await using (FileStream truncate = File.OpenWrite(saved))
        {
            truncate.SetLength(10);
        }

        CliResult again = await InProcessCli.RunAsync(setup, args);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"saved    {EmulatedPlatform.NotesKey} -> {saved}", again.Out, StringComparison.Ordinal);
        Assert.Equal(EmulatorContentBytes.Of(platform.Notes), await File.ReadAllBytesAsync(saved));
        Assert.Equal(
            new[] { ".feishu-resources-manifest.json", EmulatedPlatform.NotesName }.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(platform.PathOf("backup")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>The plain output, cancelling the run when a download reports itself complete.</summary>
    private sealed class CancelWhenSavedOutput(CliConsole console, CancellationTokenSource cancellation) : PlainOutput(console)
    {
        public override IItemProgress BeginItem(string name, long? length) => new CancelOnComplete(cancellation);
    }

    private sealed class CancelOnComplete(CancellationTokenSource cancellation) : IItemProgress
    {
        public void Report(long value)
        {
        }

        public void Complete(long totalBytes) => cancellation.Cancel();

        public void Dispose()
        {
        }
    }
}
