using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>Where a save may land: a file path must name a file, and a folder full of taken names is an error, not a loop.</summary>
public sealed class TransferSaveTargetTests
{
    private const long Size = 1_000;

    [Fact]
    public async Task SaveToFileAsync_with_a_folder_path_throws_naming_the_path_and_writes_nothing()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => download.SaveToFileAsync(folder.Path + Path.DirectorySeparatorChar));

        Assert.Equal("path", ex.ParamName);
        Assert.Contains("The path must name a file, not a folder.", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task SaveToDirectoryAsync_when_all_ten_thousand_names_are_taken_throws_naming_the_last_one_tried()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();
        File.WriteAllBytes(Path.Combine(folder.Path, "big.bin"), Array.Empty<byte>());
        for (int counter = 1; counter < 10_000; counter++)
        {
            File.WriteAllBytes(Path.Combine(folder.Path, $"big ({counter}).bin"), Array.Empty<byte>());
        }

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<IOException>(() => download.SaveToDirectoryAsync(folder.Path));

        Assert.Contains("No free file name was found after 10000 attempts", ex.Message);
        Assert.Contains("big (9999).bin'", ex.Message);
        Assert.Equal(10_000, Directory.GetFileSystemEntries(folder.Path).Length);
        Assert.All(Directory.GetFiles(folder.Path), f => Assert.Equal(0, new FileInfo(f).Length));
    }
}
