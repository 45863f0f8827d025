using System.Net;
using System.Net.Http.Headers;
using FeishuResources.TestSupport;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// What a failed or finished connection costs: resumes are counted until bytes never received before arrive (a save
/// started over that drops again before passing its first drop has used its resume); a range of a parallel save whose
/// answer disagrees with what was asked reports what that range had received; a connection failing right after its
/// last promised byte is done with, not read again.
/// </summary>
public sealed class Mut8RbsResumeAccountingTests
{
    private const long Size = 300_000;
    private const long DroppedAt = 70_000;
    private const int Chunk = 64 * 1024;

    [Fact]
    public async Task A_save_started_over_that_drops_again_where_it_first_dropped_has_no_resume_left()
    {
        using var feishu = new MockFeishu(o => { o.ParallelChunks = 1; o.MaxResumeAttempts = 1; });
        var server = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? DroppedAt : null,
            // The resume is answered with the whole body, which drops at the same byte as the first answer did.
            Intercept = i => i == 1 ? Whole(new PatternStream(0, Size, dropAfter: DroppedAt)) : null,
        };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")));

        Assert.Contains($"ended after {DroppedAt} of {Size} bytes", ex.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.Equal(new[] { null, $"bytes={DroppedAt}-" }, server.Ranges);
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task A_range_of_a_parallel_save_answered_with_another_total_fails_counting_within_that_range()
    {
        using var feishu = new MockFeishu(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 4;
            o.MaxResumeAttempts = 0;
        });
        // Four ranges of one chunk: the probe is honest, every range fetched after it claims a total one byte larger.
        var server = new FakeResourceServer(feishu, 4L * Chunk) { ClaimRange = (i, from, to, total) => (from, to, i == 0 ? total : total + 1) };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")));

        Assert.Contains($"a total of {(4L * Chunk) + 1} bytes where {4L * Chunk} were announced", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.BytesReceived);
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task A_copy_whose_connection_fails_right_after_the_last_byte_completes_without_reading_it_again()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        // Reset right after its last byte (the read that should find the end fails); dead, it would leave any later read waiting forever.
        int readsAfterEnd = 0;
        var body = new Mut8RbsLateStream(new PatternStream(0, Size), (_, read) => read > 0
            ? Task.CompletedTask
            : Interlocked.Increment(ref readsAfterEnd) == 1 ? Task.FromException(new IOException("The connection was reset (simulated).")) : Task.Delay(Timeout.Infinite));
        _ = new FakeResourceServer(feishu, Size) { Intercept = i => i == 0 ? Whole(body) : null };
        using var sink = new HashingSink();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.CopyToAsync(sink).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(PatternStream.Sha256(Size), sink.Hash());
        Assert.Equal(1, Volatile.Read(ref readsAfterEnd));
    }

    private static HttpResponseMessage Whole(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = Size;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", FakeResourceServer.LogId);
        return response;
    }
}
