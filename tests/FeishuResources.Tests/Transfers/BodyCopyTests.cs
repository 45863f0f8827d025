using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Http;
using FeishuResources.Tests.TestSupport;
using FeishuResources.Transfers;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A body is consumed two ways: copied (the network stream's own copy, watched block by block) or read
/// block by block by the caller. Both must resume, count and check the same way.
/// </summary>
public sealed class BodyCopyTests
{
    private const long Size = 300_000;

    public enum Consumption
    {
        Copied,
        ReadInBlocks,
    }

    [Theory]
    [InlineData(Consumption.Copied)]
    [InlineData(Consumption.ReadInBlocks)]
    public async Task A_dropped_connection_is_resumed_from_the_bytes_handed_out(Consumption how)
    {
        using var feishu = new MockFeishu();
        var server = new FakeResourceServer(feishu, Size) { DropAfter = i => i == 0 ? 100_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashAsync(download.Content, how);

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal(new[] { null, "bytes=100000-" }, server.Ranges);
    }

    [Theory]
    [InlineData(Consumption.Copied)]
    [InlineData(Consumption.ReadInBlocks)]
    public async Task A_body_ending_early_without_resumes_left_fails_with_the_bytes_received(Consumption how)
    {
        using var feishu = new MockFeishu(o => o.MaxResumeAttempts = 0);
        _ = new FakeResourceServer(feishu, Size) { EndAfter = _ => 5_000 };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => HashAsync(download.Content, how));

        Assert.Equal(5_000, ex.BytesReceived);
        Assert.Equal(Size, ex.BytesExpected);
    }

    [Theory]
    [InlineData(Consumption.Copied)]
    [InlineData(Consumption.ReadInBlocks)]
    public async Task A_body_longer_than_its_declared_length_fails(Consumption how)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/k").Respond(_ =>
        {
            var content = new StreamContent(new PatternStream(0, 2_000));
            content.Headers.ContentLength = 1_000;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("k");
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => HashAsync(download.Content, how));

        Assert.Contains("more than its declared 1000 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_destination_surfaces_as_it_is_and_is_never_resumed()
    {
        using var feishu = new MockFeishu();
        var server = new FakeResourceServer(feishu, Size);
        var diskFull = new IOException("There is not enough space on the disk.");

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var thrown = await Assert.ThrowsAsync<IOException>(() => download.CopyToAsync(new FailingDestination(diskFull)));

        Assert.Same(diskFull, thrown);
        Assert.Single(server.Ranges);
    }

    [Fact]
    public async Task A_copy_stops_where_the_stream_ends_even_inside_a_longer_part()
    {
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Get, "*").Respond(_ =>
        {
            var content = new StreamContent(new PatternStream(0, 1_000));
            content.Headers.ContentRange = new ContentRangeHeaderValue(0, 999, 1_000);
            return new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = content };
        });
        using var client = new HttpClient(http);
        using HttpRequestMessage original = FeishuRequestFactory.CreateFileRequest(MockFeishu.BaseUrl + "/", "k", null);
        var requester = new RangeRequester(client, original, "k", Timeout.InfiniteTimeSpan, TimeProvider.System);
        using var stream = new ResumableStream(requester, null, start: 0, total: 1_000, limit: 1_000, chunkSize: null, maxAttempts: 1);
        stream.EndAt(400);

        var sink = new MemoryStream();
        await stream.CopyToAsync(sink);

        Assert.Equal(Enumerable.Range(0, 400).Select(i => PatternStream.ByteAt(i)).ToArray(), sink.ToArray());
    }

    private static async Task<byte[]> HashAsync(Stream content, Consumption how)
    {
        using var sink = new HashingSink();
        if (how == Consumption.Copied)
        {
            await content.CopyToAsync(sink);
        }
        else
        {
            var block = new byte[10_000];
            int read;
            while ((read = await content.ReadAsync(block)) > 0)
            {
                sink.Write(block, 0, read);
            }
        }

        return sink.Hash();
    }

    /// <summary>A destination whose first write fails, as a full disk does.</summary>
    private sealed class FailingDestination(IOException failure) : StubStream
    {
        public override bool CanWrite => true;
        public override void Write(byte[] buffer, int offset, int count) => throw failure;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException(failure);
    }
}
