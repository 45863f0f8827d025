using FeishuResources.Transfers;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// The no-replace move when a hard link cannot be made (another file system, a missing source): it falls back
/// to reserving the name and moving over the reservation, and leaves no reservation behind when that fails.
/// </summary>
public sealed class MoveNoReplaceTests
{
    /// <summary>A tmpfs on Linux: another device than the temp folder, so <c>link(2)</c> fails with EXDEV.</summary>
    private const string OtherFileSystem = "/dev/shm";

    [Fact]
    public void A_move_to_another_file_system_moves_the_content_to_the_free_name()
    {
        using var folder = new TempFolder();
        string source = Path.Combine(Directory.Exists(OtherFileSystem) ? OtherFileSystem : folder.Path, "feishu-move-" + Guid.NewGuid().ToString("N"));
        string target = Path.Combine(folder.Path, "report.pdf");
        File.WriteAllBytes(source, [1, 2, 3]);
        try
        {
            Assert.True(NoReplaceMove.TryMove(source, target));

            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(target));
            Assert.False(File.Exists(source));
        }
        finally
        {
            File.Delete(source);
        }
    }

    [Fact]
    public void A_move_that_fails_after_reserving_the_name_throws_and_leaves_no_empty_file_under_the_name()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "report.pdf");

        Assert.Throws<FileNotFoundException>(() => NoReplaceMove.TryMove(Path.Combine(folder.Path, "missing.part"), target));

        Assert.Empty(folder.Names());
    }
}
