using System.Net;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A 206 that cannot be used is reported with the exact problem a user can act on: which bytes came, for
/// which were asked, and what the server claimed about the total and the length.
/// </summary>
public sealed class TransferRangeProblemMessageTests
{
    private const long Size = 1_000;

    [Fact]
    public async Task A_first_206_without_a_total_length_is_reported_as_such()
    {
        var ex = await FirstAnswerFailsAsync(PatternPartialResponse.Of(0, 9, "*"));

        Assert.Contains("a 206 to the first request that does not state the total length", ex.Message);
    }

    [Fact]
    public async Task A_first_206_without_Content_Range_is_reported_as_such()
    {
        var ex = await FirstAnswerFailsAsync(PatternPartialResponse.Of(0, 9, total: null));

        Assert.Contains("a 206 without a byte Content-Range", ex.Message);
    }

    [Fact]
    public async Task A_continuation_206_without_a_total_that_ends_on_the_known_total_names_the_last_byte_and_the_total()
    {
        var ex = await ContinuationFailsAsync(PatternPartialResponse.Of(10, 1000, "*"));

        Assert.Contains("bytes up to 1000 of a 1000-byte resource", ex.Message);
    }

    [Fact]
    public async Task A_first_206_whose_Content_Length_disagrees_with_its_range_names_both()
    {
        var ex = await FirstAnswerFailsAsync(PatternPartialResponse.Of(0, 9, "1000", contentLength: 5));

        Assert.Contains("a Content-Length of 5 for 10 bytes of range", ex.Message);
    }

    [Fact]
    public async Task A_probe_answered_with_more_bytes_than_it_asked_for_names_both_ranges()
    {
        const int chunk = 65_536;
        using var feishu = new MockFeishu(o =>
        {
            o.ParallelChunks = 2;
            o.RangeChunkSize = chunk;
        });
        var server = new FakeResourceServer(feishu, 100_000) { Intercept = i => i == 0 ? PatternPartialResponse.Of(0, chunk + 9, "100000") : null };

        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));

        Assert.Equal("bytes=0-65535", server.Ranges[0]);
        Assert.Contains("bytes 0-65545 arrived for bytes 0-65535", ex.Message);
    }

    [Fact]
    public async Task A_first_part_of_a_single_byte_is_continued_through_ranges()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size) { Intercept = i => i == 0 ? PatternPartialResponse.Of(0, 0, "1000") : null };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin"));

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
        Assert.Equal(new[] { null, "bytes=1-" }, server.Ranges);
    }

    [Fact]
    public async Task A_continuation_206_that_stops_before_the_end_names_where_the_resource_ends()
    {
        var ex = await ContinuationFailsAsync(PatternPartialResponse.Of(10, 500, "1000"));

        Assert.Contains("bytes up to 500 where the resource ends at 999", ex.Message);
    }

    [Fact]
    public async Task A_continuation_206_without_a_total_that_runs_past_the_known_total_names_the_known_total()
    {
        var ex = await ContinuationFailsAsync(PatternPartialResponse.Of(10, 1500, "*"));

        Assert.Contains("bytes up to 1500 of a 1000-byte resource", ex.Message);
    }

    private static async Task<FeishuDownloadException> FirstAnswerFailsAsync(HttpResponseMessage first)
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        _ = new FakeResourceServer(feishu, Size) { Intercept = i => i == 0 ? first : null };

        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));
        Assert.Equal(FakeResourceServer.LogId, ex.LogId);
        return ex;
    }

    /// <summary>The first answer is bytes 0-9 of 1000; the request for the rest (bytes=10-) gets <paramref name="second"/>.</summary>
    private static async Task<FeishuDownloadException> ContinuationFailsAsync(HttpResponseMessage second)
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size) { Intercept = i => i switch { 0 => PatternPartialResponse.Of(0, 9, "1000"), 1 => second, _ => null } };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin")));
        Assert.Equal("bytes=10-", server.Ranges[1]);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        return ex;
    }
}
