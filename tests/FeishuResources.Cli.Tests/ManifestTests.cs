using FeishuResources.Cli.Output;
using FeishuResources.Cli.Running;
using FeishuResources.Cli.Tests.TestSupport;

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
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BatchRunner.RunAsync(
            settings, "-", "backup", concurrency: 1, console, new CancelWhenSavedOutput(console, cancellation), cancellation.Token));
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
