using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// How far a failed body got, as its error says: a body sending more than it declared names the byte it reached,
/// and a range of a parallel save that fails (answered with the whole body, sending more than asked, or refused)
/// counts within that range, not from the resource's first byte.
/// </summary>
public sealed class Mut7XcErrorOffsetTests
{
    private const int Chunk = 64 * 1024;

    // Four ranges of one chunk each: the first is the probe, the other three are fetched by the workers.
    private const long Size = 4L * Chunk;

    [Fact]
    public async Task Copying_a_body_longer_than_its_declared_length_fails_naming_the_bytes_it_reached()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        ServeOverlong(feishu, declared: 1_000, sent: 2_000);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("k");
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.Contains("more than its declared 1000 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2_000, ex.BytesReceived);
        Assert.Equal(1_000, ex.BytesExpected);
    }

    [Fact]
    public async Task A_range_of_a_parallel_save_answered_with_the_whole_body_fails_counting_within_that_range()
    {
        using var feishu = ParallelFeishu();
        _ = new FakeResourceServer(feishu, Size) { Intercept = i => i == 0 ? null : WholeBody() };
        FeishuDownloadException ex = await SaveFailureAsync(feishu);

        Assert.Contains("ignored the Range", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.BytesReceived);
        Assert.Equal(Chunk, ex.BytesExpected);
    }

    [Fact]
    public async Task A_range_of_a_parallel_save_whose_request_is_refused_fails_counting_within_that_range()
    {
        using var feishu = ParallelFeishu();
        _ = new FakeResourceServer(feishu, Size)
        {
            Intercept = i => i == 0 ? null : MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234005, "refused")),
        };
        FeishuDownloadException ex = await SaveFailureAsync(feishu);

        Assert.IsType<FeishuResourceNotFoundException>(ex.InnerException);
        Assert.Equal(0, ex.BytesReceived);
        Assert.Equal(Chunk, ex.BytesExpected);
    }

    [Fact]
    public async Task A_range_of_a_parallel_save_sending_more_than_asked_fails_one_byte_past_that_range()
    {
        using var feishu = ParallelFeishu();
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + FakeResourceServer.FileKey).Respond(request =>
        {
            RangeItemHeaderValue range = request.Headers.Range!.Ranges.Single();
            long from = range.From!.Value;
            long to = Math.Min(range.To ?? Size - 1, Size - 1);

            // The probe is honest; every other range sends 100 bytes more than it declares.
            long sent = to - from + 1 + (from == 0 ? 0 : 100);
            var content = new StreamContent(new PatternStream(from, sent));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = to - from + 1;
            content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, Size);
            return new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = content };
        });
        FeishuDownloadException ex = await SaveFailureAsync(feishu);

        Assert.Contains($"more than its declared {Chunk} bytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Chunk + 1, ex.BytesReceived);
        Assert.Equal(Chunk, ex.BytesExpected);
    }

    [Fact]
    public async Task A_chunk_sending_more_than_its_range_fails_the_copy_rather_than_passing_its_extra_bytes_on()
    {
        using var feishu = new MockFeishu(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 1;
            o.MaxResumeAttempts = 0;
        });
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + FakeResourceServer.FileKey).Respond(request =>
        {
            if (request.Headers.Range is null)
            {
                return MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234037, "file size exceed the limit"));
            }

            // Each chunk declares its range but sends 100 bytes more: the start of the next chunk.
            RangeItemHeaderValue range = request.Headers.Range.Ranges.Single();
            long from = range.From!.Value;
            long to = Math.Min(range.To ?? Size - 1, Size - 1);
            var content = new StreamContent(new PatternStream(from, Math.Min(to - from + 101, Size - from)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = to - from + 1;
            content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, Size);
            return new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = content };
        });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.Contains($"more than its declared {Chunk} bytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Chunk, ex.BytesExpected);
        Assert.InRange(ex.BytesReceived, Chunk + 1, Chunk + 100);
    }

    /// <summary>Saves the resource, expecting the save to fail and to leave no file behind.</summary>
    private static async Task<FeishuDownloadException> SaveFailureAsync(MockFeishu feishu)
    {
        using var folder = new TempFolder();
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")));
        Assert.Empty(folder.Names());
        return ex;
    }

    private static MockFeishu ParallelFeishu()
        => new(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 4;
            o.MaxResumeAttempts = 0;
        });

    private static void ServeOverlong(MockFeishu feishu, long declared, long sent)
        => feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/k").Respond(_ =>
        {
            var content = new StreamContent(new PatternStream(0, sent));
            content.Headers.ContentLength = declared;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

    private static HttpResponseMessage WholeBody()
    {
        var content = new StreamContent(new PatternStream(0, Size));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = Size;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
