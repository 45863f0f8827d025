using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A save either places the bytes it wrote under the name it returns, or fails: someone who can write to the
/// target folder cannot make it report success for other content. Its errors name the target the caller
/// asked for, never the hidden temporary file.
/// </summary>
public sealed class SaveIntegrityTests
{
    private const long Size = 300_000;

    public enum Swap
    {
        Symlink,
        OtherFile,
    }

    public enum Save
    {
        ToFile,
        ToDirectory,
    }

    [Theory]
    [InlineData(Swap.Symlink, Save.ToFile)]
    [InlineData(Swap.Symlink, Save.ToDirectory)]
    [InlineData(Swap.OtherFile, Save.ToFile)]
    [InlineData(Swap.OtherFile, Save.ToDirectory)]
    public async Task A_temporary_file_swapped_mid_download_fails_the_save_instead_of_passing_other_content(Swap swap, Save save)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Symbolic links need a privilege there, and the check relies on Unix file identity.
        }

        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();
        using var elsewhere = new TempFolder();
        string planted = Path.Combine(elsewhere.Path, "planted.bin");
        await File.WriteAllTextAsync(planted, "not the download");
        bool swapped = false;
        var progress = new RecordingProgress(_ =>
        {
            if (swapped)
            {
                return;
            }

            // What anyone who can write to the folder can do while the body is still arriving.
            string temporary = Directory.GetFiles(folder.Path, ".feishu-*.partial").Single();
            File.Delete(temporary);
            if (swap == Swap.Symlink)
            {
                File.CreateSymbolicLink(temporary, planted);
            }
            else
            {
                File.Copy(planted, temporary);
            }

            swapped = true;
        });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        Exception? failure = await Record.ExceptionAsync(() => save == Save.ToFile
            ? download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin"), progress)
            : download.SaveToDirectoryAsync(folder.Path, progress));

        Assert.True(swapped);
        string? saved = Directory.GetFiles(folder.Path).SingleOrDefault(p => !Path.GetFileName(p).StartsWith('.'));
        if (failure is null)
        {
            Assert.NotNull(saved);
            Assert.Null(new FileInfo(saved).LinkTarget);
            Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(saved));
        }
        else
        {
            Assert.IsAssignableFrom<IOException>(failure);
            Assert.DoesNotContain(".feishu-", failure.Message, StringComparison.Ordinal);
        }

        Assert.Equal("not the download", await File.ReadAllTextAsync(planted));
    }

    [Theory]
    [InlineData(Save.ToFile)]
    [InlineData(Save.ToDirectory)]
    public async Task A_save_the_file_system_refuses_names_the_target_not_the_hidden_temporary_file(Save save)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // The refusal below relies on Linux's 4,096-byte path limit.
        }

        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, 1_000);
        using var folder = new TempFolder();

        // A folder whose own path fits the path limit, and where a file named out.bin or big.bin fits too,
        // but a name as long as the temporary file's does not: its creation fails, even for root.
        string directory = folder.Path;
        while (directory.Length < 4_060)
        {
            directory = Path.Combine(directory, new string('d', Math.Min(200, 4_060 - directory.Length)));
        }

        Directory.CreateDirectory(directory);
        string target = Path.Combine(directory, save == Save.ToFile ? "out.bin" : "big.bin");

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAnyAsync<IOException>(() => save == Save.ToFile
            ? download.SaveToFileAsync(target)
            : download.SaveToDirectoryAsync(directory));

        Assert.Contains(target, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".feishu-", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }
}
