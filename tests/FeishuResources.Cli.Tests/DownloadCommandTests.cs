using FeishuResources.Cli.Tests.TestSupport;

namespace FeishuResources.Cli.Tests;

/// <summary><c>file</c> and <c>message</c> in-process: where <c>-o</c> puts the bytes, and under which name.</summary>
public sealed class DownloadCommandTests
{
    [Fact]
    public async Task Without_o_a_file_is_saved_in_the_current_folder_under_its_exact_Chinese_name()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", EmulatedPlatform.ReportKey));

        Assert.Equal(0, result.ExitCode);
        string saved = Assert.Single(Directory.GetFiles(platform.WorkingDirectory));
        Assert.Equal(EmulatedPlatform.ReportName, Path.GetFileName(saved));
        Assert.Equal(EmulatorContentBytes.Of(platform.Report), await File.ReadAllBytesAsync(saved));
        Assert.Contains($"saved    {EmulatedPlatform.ReportKey} -> {saved} (300,000 bytes)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_o_naming_a_file_the_download_is_written_there_replacing_what_was_there()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        await File.WriteAllTextAsync(platform.PathOf("copy.bin"), "old");

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", EmulatedPlatform.ReportKey, "-o", "copy.bin"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(EmulatorContentBytes.Of(platform.Report), await File.ReadAllBytesAsync(platform.PathOf("copy.bin")));
        Assert.Single(Directory.GetFiles(platform.WorkingDirectory));
    }

    [Fact]
    public async Task With_o_naming_an_existing_folder_the_download_keeps_its_name_and_never_overwrites()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        Directory.CreateDirectory(platform.PathOf("inbox"));
        string[] args = platform.Args("file", EmulatedPlatform.ReportKey, "-o", "inbox");

        CliResult first = await InProcessCli.RunAsync(platform.Setup, args);
        CliResult second = await InProcessCli.RunAsync(platform.Setup, args);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(
            new[] { "季度报告 2026年第一季度 (1).pdf", EmulatedPlatform.ReportName },
            Directory.GetFiles(platform.PathOf("inbox")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_o_ending_in_a_separator_a_missing_folder_is_created_and_saved_into()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", EmulatedPlatform.NotesKey, "-o", "new" + Path.DirectorySeparatorChar));

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(platform.PathOf("new", EmulatedPlatform.NotesName)), result.ToString());
    }

    [Fact]
    public async Task A_message_image_without_a_name_is_saved_as_its_key_with_the_extension_of_its_type()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("message", EmulatedPlatform.MessageId, EmulatedPlatform.PhotoKey, "--type", "image", "-o", "photos/"));

        Assert.Equal(0, result.ExitCode);
        string saved = platform.PathOf("photos", EmulatedPlatform.PhotoKey + ".png");
        Assert.Equal(EmulatorContentBytes.Of(platform.Photo), await File.ReadAllBytesAsync(saved));
        Assert.Contains("?type=image", platform.Emulator.Traffic.Requests.Last().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_a_user_sent_downloads_through_message_with_its_Chinese_name()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("message", EmulatedPlatform.MessageId, EmulatedPlatform.SheetKey, "--type", "file"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(EmulatorContentBytes.Of(platform.Sheet), await File.ReadAllBytesAsync(platform.PathOf(EmulatedPlatform.SheetName)));
    }

    [Fact]
    public async Task Credentials_given_as_options_are_used_when_the_environment_has_none()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        CliSetup bare = platform.Setup with { Environment = new Dictionary<string, string>() };

        CliResult result = await InProcessCli.RunAsync(bare, platform.Args("file", EmulatedPlatform.NotesKey, "--app-id", platform.Emulator.AppId, "--app-secret", EmulatedPlatform.Secret));

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(platform.PathOf(EmulatedPlatform.NotesName)));
    }

    [Fact]
    public async Task A_failed_download_leaves_no_file_behind()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.Faults.DropConnectionAfter(0, EmulatedPlatform.ReportKey, times: null);

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("file", EmulatedPlatform.ReportKey));

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(platform.WorkingDirectory));
    }
}
