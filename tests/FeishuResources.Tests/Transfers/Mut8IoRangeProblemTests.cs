using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>The problem in a continuation 206 is reported with the numbers of that 206, not of the first part.</summary>
public sealed class Mut8IoRangeProblemTests
{
    private const long Size = 1_000;

    [Fact]
    public async Task A_continuation_206_whose_Content_Length_disagrees_with_its_range_names_the_ranges_own_size()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size)
        {
            Intercept = i => i switch
            {
                0 => PatternPartialResponse.Of(0, 9, "1000"),
                1 => PatternPartialResponse.Of(10, 999, "1000", contentLength: 5),
                _ => null,
            },
        };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin")));

        Assert.Equal("bytes=10-", server.Ranges[1]);
        Assert.Contains("a Content-Length of 5 for 990 bytes of range", ex.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Names());
    }
}
