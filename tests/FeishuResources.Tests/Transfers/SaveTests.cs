using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

public sealed class SaveTests
{
    private const long Size = 300_000;

    [Fact]
    public async Task SaveToFileAsync_writes_the_whole_body_and_leaves_no_temporary_file()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "sub", "out.bin"));

        Assert.Equal(Path.Combine(folder.Path, "sub", "out.bin"), path);
        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
        Assert.Equal(new[] { "out.bin" }, Directory.GetFileSystemEntries(Path.Combine(folder.Path, "sub")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SaveToFileAsync_replaces_an_existing_file_once_complete()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "out.bin");
        await File.WriteAllTextAsync(target, "old");

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.SaveToFileAsync(target);

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(target));
    }

    [Fact]
    public async Task Failed_save_deletes_the_temporary_file_and_leaves_an_existing_file_untouched()
    {
        using var feishu = new MockFeishu(o => o.MaxResumeAttempts = 0);
        _ = new FakeResourceServer(feishu, Size) { DropAfter = _ => 200_000 };
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "out.bin");
        await File.WriteAllTextAsync(target, "old");

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);

        await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(target));
        Assert.Equal(new[] { "out.bin" }, folder.Names());
        Assert.Equal("old", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task Cancelled_save_leaves_no_file_and_an_existing_file_untouched()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();
        string existing = Path.Combine(folder.Path, "out.bin");
        await File.WriteAllTextAsync(existing, "old");
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(bytes =>
        {
            if (bytes >= 100_000)
            {
                cts.Cancel();
            }
        });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.SaveToFileAsync(existing, progress, cts.Token));
        Assert.Equal(new[] { "out.bin" }, folder.Names());
        Assert.Equal("old", await File.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task Cancelled_save_to_directory_leaves_nothing_in_it()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(_ => cts.Cancel());

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.SaveToDirectoryAsync(folder.Path, progress, cts.Token));
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task Save_restarts_from_zero_when_a_resume_is_answered_with_the_whole_body()
    {
        using var feishu = new MockFeishu();
        var server = new FakeResourceServer(feishu, Size) { IgnoreRange = true, DropAfter = i => i == 0 ? 150_000 : null };
        using var folder = new TempFolder();
        var progress = new RecordingProgress();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin"), progress);

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
        Assert.Equal(2, server.Ranges.Count);
        Assert.Equal(progress.Reports.OrderBy(r => r), progress.Reports);
        Assert.Equal(progress.Reports.Distinct(), progress.Reports);
        Assert.Equal(Size, progress.Reports[^1]);
    }

    [Fact]
    public async Task Progress_is_throttled_monotonic_and_ends_with_the_total()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size) { DropAfter = i => i == 0 ? 100_000 : null };
        var progress = new RecordingProgress();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.CopyToAsync(Stream.Null, progress);

        IReadOnlyList<long> reports = progress.Reports;
        Assert.Equal(Size, reports[^1]);
        Assert.Equal(reports.OrderBy(r => r).Distinct(), reports);
        Assert.All(reports.Zip(reports.Skip(1)).SkipLast(1), pair => Assert.True(pair.Second - pair.First >= 64 * 1024));
        Assert.InRange(reports.Count, 2, (Size / (64 * 1024)) + 1);
    }

    [Fact]
    public async Task SaveToDirectoryAsync_uses_the_sanitized_server_name_inside_the_directory()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, 1_000) { Disposition = "attachment; filename=\"" + MockFeishu.AsWireLatin1("../../季度/报告.pdf") + "\"" };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToDirectoryAsync(folder.Path);

        Assert.Equal(Path.Combine(folder.Path, "报告.pdf"), path);
        Assert.Equal(new[] { "报告.pdf" }, folder.Names());
    }

    [Fact]
    public async Task SaveToDirectoryAsync_without_a_name_uses_the_key_and_an_extension_from_the_content_type()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, 1_000) { Disposition = null, ContentType = "image/png" };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToDirectoryAsync(folder.Path);

        Assert.Equal(Path.Combine(folder.Path, FakeResourceServer.FileKey + ".png"), path);
    }

    [Fact]
    public async Task SaveToDirectoryAsync_never_overwrites_and_numbers_the_copies()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, 1_000) { Disposition = "attachment; filename=\"report.pdf\"" };
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "report.pdf"), "mine");

        var paths = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
            paths.Add(Path.GetFileName(await download.SaveToDirectoryAsync(folder.Path)));
        }

        Assert.Equal(new[] { "report (1).pdf", "report (2).pdf" }, paths);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(folder.Path, "report.pdf")));
    }

    [Fact]
    public async Task SaveToDirectoryAsync_overwrites_when_the_option_allows_it()
    {
        using var feishu = new MockFeishu(o => o.OverwriteExisting = true);
        _ = new FakeResourceServer(feishu, 1_000) { Disposition = "attachment; filename=\"report.pdf\"" };
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "report.pdf"), "mine");

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToDirectoryAsync(folder.Path);

        Assert.Equal(new[] { "report.pdf" }, folder.Names());
        Assert.Equal(PatternStream.Sha256(1_000), HashingSink.HashOfFile(path));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Save_methods_reject_a_missing_path_naming_the_argument(string? path)
    {
        await using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream(new byte[10]));

        Assert.Equal("path", (await Assert.ThrowsAnyAsync<ArgumentException>(() => download.SaveToFileAsync(path!))).ParamName);
        Assert.Equal("directory", (await Assert.ThrowsAnyAsync<ArgumentException>(() => download.SaveToDirectoryAsync(path!))).ParamName);
    }

    [Fact]
    public async Task Extension_methods_validate_before_any_request_and_save_in_one_call()
    {
        using var feishu = new MockFeishu();
        var server = new FakeResourceServer(feishu, 5_000);
        using var folder = new TempFolder();

        Assert.Equal("directory", Assert.Throws<ArgumentException>(() => { _ = feishu.Client.DownloadFileToDirectoryAsync(FakeResourceServer.FileKey, " "); }).ParamName);
        Assert.Empty(server.Ranges);

        string path = await feishu.Client.DownloadFileToDirectoryAsync(FakeResourceServer.FileKey, folder.Path);
        string copy = await feishu.Client.DownloadFileToPathAsync(FakeResourceServer.FileKey, Path.Combine(folder.Path, "copy.bin"));

        Assert.Equal(Path.Combine(folder.Path, "big.bin"), path);
        Assert.Equal(PatternStream.Sha256(5_000), HashingSink.HashOfFile(copy));
    }

    [Fact]
    public async Task Cancellation_arriving_after_the_last_byte_still_commits_nothing()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, 1_000);
        using var folder = new TempFolder();
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(bytes =>
        {
            if (bytes == 1_000)
            {
                cts.Cancel();
            }
        });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.SaveToDirectoryAsync(folder.Path, progress, cts.Token));
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task Concurrent_saves_of_one_name_each_get_their_own_file()
    {
        for (int round = 0; round < 25; round++)
        {
            using var folder = new TempFolder();
            string[] paths = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            {
                await using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream(new[] { (byte)i }), fileName: "same.txt", contentLength: 1);
                return await download.SaveToDirectoryAsync(folder.Path);
            })));

            Assert.Equal(6, paths.Distinct().Count());
            Assert.Equal(Enumerable.Range(0, 6).Select(i => (byte)i), paths.Select(p => File.ReadAllBytes(p).Single()).Order());
            Assert.Equal(6, folder.Names().Length);
        }
    }
}
