using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// Responses a body is done with are closed as it goes, not left to the end of the download: a dropped connection
/// before the resume, each chunk once its bytes were read. A download disposed while its
/// resume is in flight says so.
/// </summary>
public sealed class Mut7XcConnectionReleaseTests
{
    private const int Chunk = 64 * 1024;
    private const long Size = 4L * Chunk;

    [Fact]
    public async Task A_dropped_connection_is_closed_when_the_body_resumes()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var first = new Mut7XcDisposeRecordingStream(new PatternStream(0, Size, dropAfter: 10_000));
        _ = new FakeResourceServer(feishu, Size) { Intercept = i => i == 0 ? Answer(HttpStatusCode.OK, first, 0, Size - 1, range: false) : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashingSink.HashOfAsync(download.Content);

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.True(first.Disposed, "The dropped response was left open.");
    }

    [Fact]
    public async Task Each_chunk_is_closed_once_its_bytes_were_read()
    {
        using var feishu = new MockFeishu(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 1;
        });
        var chunks = new List<Mut7XcDisposeRecordingStream>();
        var server = new FakeResourceServer(feishu, Size)
        {
            RefuseWhole = true,

            // Answer 0 is the refusal of the whole body; answer n is chunk n - 1.
            Intercept = i =>
            {
                if (i == 0)
                {
                    return null;
                }

                long from = (i - 1) * (long)Chunk;
                var body = new Mut7XcDisposeRecordingStream(new PatternStream(from, Chunk));
                lock (chunks)
                {
                    chunks.Add(body);
                }

                return Answer(HttpStatusCode.PartialContent, body, from, from + Chunk - 1, range: true);
            },
        };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashingSink.HashOfAsync(download.Content);

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal(new[] { null, "bytes=0-65535", "bytes=65536-131071", "bytes=131072-196607", "bytes=196608-262143" }, server.Ranges);
        Assert.All(chunks, chunk => Assert.True(chunk.Disposed, "A chunk read to its end was left open."));
    }

    [Fact]
    public async Task Disposing_a_download_while_its_resume_is_in_flight_fails_the_copy_saying_so()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? 1_000 : null,
            BeforeAnswer = i =>
            {
                if (i != 1)
                {
                    return Task.CompletedTask;
                }

                requested.TrySetResult();
                return release.Task;
            },
        };

        FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        Task copying = download.CopyToAsync(Stream.Null);
        await requested.Task.WaitAsync(TimeSpan.FromSeconds(10));
        download.Dispose();
        release.SetResult();

        var ex = await Assert.ThrowsAsync<ObjectDisposedException>(() => copying.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("disposed while the request for the rest of its body was in flight", ex.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, Stream body, long from, long to, bool range)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = to - from + 1;
        if (range)
        {
            content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, Size);
        }

        var response = new HttpResponseMessage(status) { Content = content };
        response.Headers.TryAddWithoutValidation("X-Tt-Logid", FakeResourceServer.LogId);
        return response;
    }
}
