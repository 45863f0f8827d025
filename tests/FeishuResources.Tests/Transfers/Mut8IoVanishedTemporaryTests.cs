using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A save whose hidden temporary file is deleted by someone else while the body arrives (nothing put in its place)
/// fails instead of reporting a file that is not there, and leaves nothing under the name asked for.
/// </summary>
public sealed class Mut8IoVanishedTemporaryTests
{
    private const long Size = 300_000;

    [Fact]
    public async Task A_save_whose_temporary_file_was_deleted_mid_download_fails_and_leaves_nothing()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // An open file cannot be deleted there, and the check relies on Unix file identity.
        }

        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();
        bool deleted = false;
        var progress = new RecordingProgress(_ =>
        {
            if (!deleted)
            {
                File.Delete(Directory.GetFiles(folder.Path, ".feishu-*.partial").Single());
                deleted = true;
            }
        });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<IOException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin"), progress));

        Assert.True(deleted);
        Assert.Contains("was replaced by someone else", ex.Message, StringComparison.Ordinal);
        Assert.Contains("out.bin", ex.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Names());
    }
}
