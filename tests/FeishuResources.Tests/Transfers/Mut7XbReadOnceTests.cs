using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>The body is read once, whichever read overload took it, and even when the read found it empty.</summary>
public sealed class Mut7XbReadOnceTests
{
    [Fact]
    public async Task Reading_content_with_an_array_and_offset_after_the_download_was_copied_is_refused()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        _ = new FakeResourceServer(feishu, 10_000);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.CopyToAsync(Stream.Null);

        var buffer = new byte[100];
        await Assert.ThrowsAsync<InvalidOperationException>(() => download.Content.ReadAsync(buffer, 0, buffer.Length));
    }

    [Fact]
    public async Task A_save_after_a_read_found_an_empty_body_is_refused_and_writes_nothing()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        _ = new FakeResourceServer(feishu, 0);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        Assert.Equal(0, await download.Content.ReadAsync(new byte[10].AsMemory()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin")));
        Assert.Empty(folder.Names());
    }
}
