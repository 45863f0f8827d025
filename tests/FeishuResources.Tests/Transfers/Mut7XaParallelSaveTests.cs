using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A save in parallel ranges: how the resource is split (every byte in exactly one range, at most
/// ParallelChunks ranges, whole chunks for a chunked resource), and what one failed range does to the others.
/// </summary>
public sealed class Mut7XaParallelSaveTests
{
    private const int Chunk = 64 * 1024;

    [Fact]
    public async Task A_resource_one_byte_short_of_three_whole_ranges_is_saved_whole_in_three_ranges()
    {
        const long Size = 209_999;
        using var feishu = new MockFeishu(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 3;
        });
        var server = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));

        // Ranges of 70,000 bytes: the probe and the rest of the first range, then one request for each other range.
        string?[] expected = ["bytes=0-65535", "bytes=65536-69999", "bytes=70000-139999", "bytes=140000-"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), server.Ranges.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_chunked_resource_is_split_into_as_many_ranges_of_whole_chunks_as_there_are_parallel_chunks()
    {
        const int FourMiB = 4 * 1024 * 1024;
        const long Size = 27L * FourMiB; // 108 MiB: over the 100 MiB a platform serves whole, so fetched chunk by chunk.
        using var feishu = new MockFeishu(o =>
        {
            o.RangeChunkSize = FourMiB;
            o.ParallelChunks = 3;
        });
        var server = new FakeResourceServer(feishu, Size);

        // The first request of each range (after the probe) is held until all three are in flight.
        int held = 0;
        var together = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.BeforeAnswer = async index =>
        {
            if (index is >= 1 and <= 3)
            {
                if (Interlocked.Increment(ref held) == 3)
                {
                    together.SetResult();
                }

                await together.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")).WaitAsync(TimeSpan.FromSeconds(60));

        // Three ranges of 9 chunks (36 MiB) each; the first continues after the probe's chunk.
        Assert.Equal(Size, new FileInfo(path).Length);
        string?[] firstOfEachRange = [Range(1 * FourMiB, FourMiB), Range(9 * FourMiB, FourMiB), Range(18 * FourMiB, FourMiB)];
        Assert.Equal(firstOfEachRange.Order(StringComparer.Ordinal), server.Ranges.Skip(1).Take(3).Order(StringComparer.Ordinal));
        Assert.Equal(27, server.Ranges.Count);
    }

    [Fact]
    public async Task One_failed_range_stops_the_others_releases_their_responses_and_ends_the_download_as_an_error()
    {
        const long Size = 3 * Chunk;
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o =>
        {
            o.AppId = telemetry.AppId;
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 2;
            o.MaxResumeAttempts = 0;
        });
        var waiting = new WaitingBody();
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/k").Respond(request =>
        {
            long from = request.Headers.Range!.Ranges.Single().From!.Value;

            // The first range's connection drops once the second range is being read; the second waits for bytes.
            Stream body = from == 0 ? new DroppingBody(Chunk / 2, waiting.Reading.Task) : waiting;
            return Partial(body, from, from == 0 ? Chunk - 1 : Size - 1, Size);
        });
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("k");
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(Chunk / 2, ex.BytesReceived);
        Assert.True(waiting.Disposed);
        Assert.Empty(folder.Names());
        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal("error", activity.GetTagItem("feishu.outcome"));
        Assert.Equal(typeof(FeishuDownloadException).FullName, activity.GetTagItem("error.type"));
    }

    [Fact]
    public async Task A_first_range_started_over_by_a_whole_answer_that_ends_short_fails_the_save()
    {
        const long Size = 3 * Chunk;
        using var feishu = new MockFeishu(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 2;
        });
        int firstRangeAnswers = 0;
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/k").Respond(request =>
        {
            long from = request.Headers.Range!.Ranges.Single().From!.Value;
            long to = from == 0 ? Chunk - 1 : Size - 1;
            bool probe = from == 0 && Interlocked.Increment(ref firstRangeAnswers) == 1;
            if (from == 0 && !probe)
            {
                // The probe's connection dropped before its first byte; the server answers the resume of the
                // first range with a whole body of undeclared length, which ends after 50,000 bytes.
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new Mut7XaDirectContent(new PatternStream(0, 50_000)) };
            }

            return Partial(probe ? new DroppingBody(0, Task.CompletedTask) : new PatternStream(from, to - from + 1), from, to, Size);
        });
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("k");
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(50_000, ex.BytesReceived);
        Assert.Equal(Size / 2, ex.BytesExpected);
        Assert.Empty(folder.Names());
    }

    /// <summary>A 206 carrying bytes [<paramref name="from"/>, <paramref name="to"/>] of a <paramref name="total"/>-byte resource.</summary>
    private static HttpResponseMessage Partial(Stream body, long from, long to, long total)
    {
        var content = new Mut7XaDirectContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = to - from + 1;
        content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, total);
        return new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = content };
    }

    private static string Range(long from, long length) => "bytes=" + from + "-" + (from + length - 1);

    /// <summary>The first bytes of the resource, then a dropped connection once <paramref name="dropWhen"/> completes.</summary>
    private sealed class DroppingBody(int before, Task dropWhen) : StubStream
    {
        private readonly PatternStream _bytes = new(0, before);

        public override bool CanRead => true;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = _bytes.Read(buffer.Span);
            if (read > 0)
            {
                return read;
            }

            await dropWhen.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            throw new IOException("The connection was reset (simulated).");
        }
    }

    /// <summary>A body that sends nothing until its read is cancelled; records that it was read and disposed.</summary>
    private sealed class WaitingBody : StubStream
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
