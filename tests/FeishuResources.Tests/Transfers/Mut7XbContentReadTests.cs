using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using FeishuResources.TestSupport;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// Reading <see cref="FeishuDownload.Content"/> directly (not copying or saving it): resumes, integrity checks,
/// telemetry and the responses it releases, as a caller who reads the stream sees them.
/// </summary>
public sealed class Mut7XbContentReadTests
{
    private const long Size = 300_000;

    [Fact]
    public async Task One_dropped_connection_is_resumed_while_reading_content_when_one_resume_is_allowed()
    {
        using var feishu = new MockFeishu(o => { o.MaxResumeAttempts = 1; o.ParallelChunks = 1; });
        var server = new FakeResourceServer(feishu, Size) { DropAfter = i => i == 0 ? 100_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        using var sink = new HashingSink();
        await ReadToEndAsync(download.Content, sink);

        Assert.Equal(PatternStream.Sha256(Size), sink.Hash());
        Assert.Equal(new[] { null, "bytes=100000-" }, server.Ranges);
    }

    [Fact]
    public async Task Reading_content_to_its_end_ends_the_download_span_as_a_success_before_dispose()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.ParallelChunks = 1; });
        _ = new FakeResourceServer(feishu, Size);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await ReadToEndAsync(download.Content, Stream.Null);

        Activity span = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal("success", span.GetTagItem("feishu.outcome"));
        Assert.Equal(Size, span.GetTagItem("feishu.download.bytes_received"));
    }

    [Fact]
    public async Task A_content_read_that_fails_ends_the_download_span_as_an_error_before_dispose()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.MaxResumeAttempts = 0; o.ParallelChunks = 1; });
        _ = new FakeResourceServer(feishu, Size) { EndAfter = _ => 5_000 };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await Assert.ThrowsAnyAsync<FeishuDownloadException>(() => ReadToEndAsync(download.Content, Stream.Null));

        Activity span = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal("error", span.GetTagItem("feishu.outcome"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task A_resume_answered_with_the_wrong_range_marks_its_span_as_an_error_and_fails_the_download()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.ParallelChunks = 1; });
        _ = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? 1_000 : null,
            ClaimRange = (i, from, to, total) => i == 1 ? (from + 1, to, total) : (from, to, total),
        };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAnyAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.Equal(1_000, ex.BytesReceived);
        Activity resume = Assert.Single(telemetry.StoppedNamed("feishu.download.resume"));
        Assert.Equal(ActivityStatusCode.Error, resume.Status);
        Assert.Equal(ex.GetType().FullName, resume.GetTagItem("error.type"));
        Assert.Equal(FakeResourceServer.LogId, resume.GetTagItem("feishu.log_id"));
    }

    [Fact]
    public async Task A_resume_answered_with_the_wrong_range_is_released_at_once()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var answer = new Mut7XbTrackedStream(new PatternStream(1_001, Size - 1_001));
        _ = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? 1_000 : null,
            Intercept = i => i == 1 ? Partial(answer, $"bytes 1001-{Size - 1}/{Size}", Size - 1_001) : null,
        };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await Assert.ThrowsAnyAsync<FeishuDownloadException>(() => ReadToEndAsync(download.Content, Stream.Null));

        Assert.True(answer.Disposed);
    }

    [Fact]
    public async Task A_whole_body_kept_after_an_ignored_range_is_released_when_the_download_is_disposed()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var whole = new Mut7XbTrackedStream(new PatternStream(0, Size));
        _ = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? 1_000 : null,
            Intercept = i => i == 1 ? Whole(whole, Size) : null,
        };

        FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAnyAsync<FeishuDownloadException>(() => ReadToEndAsync(download.Content, Stream.Null));
        Assert.True(ex.RangeIgnored);
        Assert.False(whole.Disposed);

        download.Dispose();

        Assert.True(whole.Disposed);
    }

    [Fact]
    public async Task A_chunk_answer_sending_more_bytes_than_its_Content_Range_fails_instead_of_handing_them_out()
    {
        const int chunk = 64 * 1024;
        const long large = 200L * 1024 * 1024;
        using var feishu = new MockFeishu(o => { o.ParallelChunks = 1; o.RangeChunkSize = chunk; });
        _ = new FakeResourceServer(feishu, large)
        {
            RefuseWhole = true,
            Intercept = i => i == 1 ? Partial(new PatternStream(0, chunk + 100), $"bytes 0-{chunk - 1}/{large}", contentLength: null) : null,
        };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        long handedOut = 0;
        var buffer = new byte[256 * 1024];
        await Assert.ThrowsAnyAsync<FeishuDownloadException>(async () =>
        {
            int read;
            while ((read = await download.Content.ReadAsync(buffer)) > 0 && handedOut <= chunk)
            {
                handedOut += read;
            }
        });

        Assert.Equal(chunk, handedOut);
    }

    [Fact]
    public async Task A_resume_of_a_body_of_undeclared_length_answered_with_less_than_the_rest_fails()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        _ = new FakeResourceServer(feishu, Size)
        {
            OmitLength = true,
            DropAfter = i => i == 0 ? 1_000 : null,
            Intercept = i => i == 1 ? Partial(new PatternStream(1_000, 1_000), $"bytes 1000-1999/{Size}", 1_000) : null,
        };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAnyAsync<FeishuDownloadException>(() => ReadToEndAsync(download.Content, Stream.Null));

        Assert.Contains($"bytes up to 1999 where the resource ends at {Size - 1}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Length_of_a_body_of_undeclared_length_says_the_server_did_not_declare_it()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        _ = new FakeResourceServer(feishu, 1_000) { OmitLength = true };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);

        var ex = Assert.Throws<NotSupportedException>(() => download.Content.Length);
        Assert.Equal("The server did not declare the length of this download.", ex.Message);
    }

    [Fact]
    public async Task Asynchronous_reads_of_content_read_the_network_asynchronously()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var body = new Mut7XbTrackedStream(new PatternStream(0, Size));
        _ = new FakeResourceServer(feishu, Size) { Intercept = i => i == 0 ? Whole(body, Size) : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var buffer = new byte[64 * 1024];
        long total = await download.Content.ReadAsync(buffer, 0, buffer.Length);
        int read;
        while ((read = await download.Content.ReadAsync(buffer.AsMemory())) > 0)
        {
            total += read;
        }

        Assert.Equal(Size, total);
        Assert.Equal(0, body.SyncReads);
    }

    private static async Task ReadToEndAsync(Stream content, Stream into)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await content.ReadAsync(buffer.AsMemory())) > 0)
        {
            await into.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    private static HttpResponseMessage Whole(Stream body, long length)
        => Answer(HttpStatusCode.OK, body, contentRange: null, length);

    private static HttpResponseMessage Partial(Stream body, string contentRange, long? contentLength)
        => Answer(HttpStatusCode.PartialContent, body, contentRange, contentLength);

    private static HttpResponseMessage Answer(HttpStatusCode status, Stream body, string? contentRange, long? contentLength)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = contentLength;
        if (contentRange is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        }

        var response = new HttpResponseMessage(status) { Content = content };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", FakeResourceServer.LogId);
        return response;
    }
}
