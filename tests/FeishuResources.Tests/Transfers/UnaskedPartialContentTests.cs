using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>A 206 to the first request, which asked for no range, is a part of the file, never the whole of it.</summary>
public sealed class UnaskedPartialContentTests
{
    private const long Size = 1_000;

    [Fact]
    public async Task A_206_to_a_request_without_Range_is_completed_through_ranges_never_saved_as_the_whole_file()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size) { Intercept = i => i == 0 ? PatternPartialResponse.Of(0, 9, "1000") : null };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin"));

        Assert.Equal(Size, download.ContentLength);
        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
        Assert.Equal(new[] { null, "bytes=10-" }, server.Ranges);
    }

    [Theory]
    [InlineData(500, 509, "1000")]
    [InlineData(0, 9, "*")]
    [InlineData(0, 1000, "1000")]
    public async Task A_206_to_a_request_without_Range_that_cannot_be_continued_is_an_integrity_error(long from, long to, string total)
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size) { Intercept = i => i == 0 ? PatternPartialResponse.Of(from, to, total) : null };

        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));

        Assert.Equal(FakeResourceServer.FileKey, ex.ResourceKey);
        Assert.Equal(FakeResourceServer.LogId, ex.LogId);
    }

    [Fact]
    public async Task A_206_without_Content_Range_is_an_integrity_error()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size) { Intercept = i => i == 0 ? PatternPartialResponse.Of(0, 9, total: null) : null };

        await Assert.ThrowsAsync<FeishuDownloadException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));
    }
}
