using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// The ranges a body asks for and what its errors say: a parallel save's ranges stop at their ends, a failing
/// range reports offsets within itself, the error names the latest response's log id, and a body exactly as
/// large as the size limit is allowed.
/// </summary>
public sealed class BodyStreamRangeTests
{
    private const int Chunk = 64 * 1024;
    private const long Size = (5 * Chunk) + 777;

    // ceil(Size / 4): the ranges of a save in 4 parallel chunks.
    private const long RangeSize = 82_115;

    private static MockFeishu ParallelFeishu(Action<FeishuResourcesOptions>? configure = null)
        => new(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 4;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task A_parallel_save_asks_each_range_only_up_to_its_end()
    {
        using var feishu = ParallelFeishu();
        var server = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin"));

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
        Assert.Equal(
            new[] { "bytes=0-65535", "bytes=164230-246344", "bytes=246345-", "bytes=65536-82114", "bytes=82115-164229" },
            server.Ranges.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_range_of_a_parallel_save_cut_short_reports_the_bytes_received_and_expected_within_that_range()
    {
        // At most 4 chunks: every range is one chunk, so the first is the probe alone and only the other ranges' answers drop.
        const long SmallSize = (3 * Chunk) + 777;
        using var feishu = ParallelFeishu(o => o.MaxResumeAttempts = 0);
        _ = new FakeResourceServer(feishu, SmallSize) { DropAfter = index => index == 0 ? null : 1000 };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")));

        Assert.Equal(1000, ex.BytesReceived);
        Assert.Equal(Chunk, ex.BytesExpected);
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task A_body_failing_after_resumes_names_the_log_id_of_the_latest_response_that_had_one()
    {
        const long Length = 100_000;
        using var feishu = new MockFeishu(o => o.MaxResumeAttempts = 1);
        _ = new FakeResourceServer(feishu, Length)
        {
            DropAfter = index => index == 0 ? 1000 : null,
            Intercept = index => index switch
            {
                1 => Partial(1000, Length, logId: "20260207205010SECONDLOGID0000000", dropAfter: 10),
                2 => Partial(1010, Length, logId: null, dropAfter: 0),
                _ => null,
            },
        };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.Content.CopyToAsync(Stream.Null));

        Assert.Equal(1010, ex.BytesReceived);
        Assert.Equal("20260207205010SECONDLOGID0000000", ex.LogId);
    }

    [Fact]
    public async Task A_body_exactly_as_large_as_the_size_limit_is_read_whole()
    {
        const long Length = 100_000;
        using var feishu = new MockFeishu(o => o.MaxDownloadBytes = Length);
        _ = new FakeResourceServer(feishu, Length);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var copy = new HashingSink();
        await download.Content.CopyToAsync(copy);

        Assert.Equal(PatternStream.Sha256(Length), copy.Hash());
    }

    private static HttpResponseMessage Partial(long from, long total, string? logId, long dropAfter)
    {
        var content = new StreamContent(new PatternStream(from, total - from, dropAfter));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = total - from;
        content.Headers.ContentRange = new ContentRangeHeaderValue(from, total - 1, total);
        var response = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = content };
        if (logId is not null)
        {
            response.Headers.TryAddWithoutValidation("X-Tt-Logid", logId);
        }

        return response;
    }
}
