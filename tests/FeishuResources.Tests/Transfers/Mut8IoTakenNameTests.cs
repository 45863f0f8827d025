using FeishuResources.Tests.TestSupport;
using FeishuResources.Transfers;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A save into a folder never replaces what already holds the name it wants: not a file, even when the hard link
/// that claims names atomically cannot be made, and not a symbolic link, even a dangling one.
/// </summary>
public sealed class Mut8IoTakenNameTests
{
    [Fact]
    public void A_move_whose_hard_link_fails_for_another_reason_reports_a_taken_name_as_taken_and_leaves_its_file()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "report.pdf");
        File.WriteAllBytes(target, [7, 7, 7]);

        // link(2) fails with ENOENT (the source is gone) before it looks at the target, so the reserved move runs.
        bool moved = NoReplaceMove.TryMove(Path.Combine(folder.Path, "missing.part"), target);

        Assert.False(moved);
        Assert.Equal(new byte[] { 7, 7, 7 }, File.ReadAllBytes(target));
        Assert.Equal(new[] { "report.pdf" }, folder.Names());
    }

    [Fact]
    public async Task A_save_to_a_folder_whose_name_is_held_by_a_dangling_link_takes_the_next_name_and_leaves_the_link()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Symbolic links need a privilege there.
        }

        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, 1_000);
        using var folder = new TempFolder();
        string nowhere = Path.Combine(folder.Path, "gone", "nothing.bin");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "big.bin"), nowhere);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToDirectoryAsync(folder.Path);

        Assert.Equal(Path.Combine(folder.Path, "big (1).bin"), path);
        Assert.Equal(PatternStream.Sha256(1_000), HashingSink.HashOfFile(path));
        Assert.Equal(nowhere, new FileInfo(Path.Combine(folder.Path, "big.bin")).LinkTarget);
        Assert.Equal(new[] { "big (1).bin", "big.bin" }, folder.Names());
    }
}
