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
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
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
    public async Task A_copy_with_bad_arguments_fails_before_taking_a_byte()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);

        var noDestination = await Assert.ThrowsAsync<ArgumentNullException>(() => download.Content.CopyToAsync(null!));
        var noBuffer = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => download.Content.CopyToAsync(Stream.Null, 0));
        await Assert.ThrowsAsync<NotSupportedException>(() => download.Content.CopyToAsync(new MemoryStream([], writable: false)));
        Assert.Equal("destination", noDestination.ParamName);
        Assert.Equal("bufferSize", noBuffer.ParamName);
        Assert.Equal(PatternStream.Sha256(Size), await HashAsync(download.Content, Consumption.Copied));
    }

    [Theory]
    [InlineData(Consumption.Copied)]
    [InlineData(Consumption.ReadInBlocks)]
    public async Task Disposing_the_download_while_its_body_is_awaited_sends_no_new_request(Consumption how)
    {
        using var feishu = new MockFeishu();
        var silent = new SilentBody();
        int requests = 0;
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/k").Respond(_ =>
        {
            Interlocked.Increment(ref requests);
            var content = new StreamContent(silent);
            content.Headers.ContentLength = 1_000;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        FeishuDownload download = await feishu.Client.DownloadFileAsync("k");
        Task consuming = HashAsync(download.Content, how);
        await silent.Reading.Task.WaitAsync(TimeSpan.FromSeconds(10));
        download.Dispose();

        await Assert.ThrowsAnyAsync<Exception>(() => consuming.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, Volatile.Read(ref requests));
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
        var rules = new BodyRules("k", MaxBytes: null, MaxResumeAttempts: 1, ChunkSize: null, Telemetry: null);
        var requester = new RangeRequester(client, original, rules, Timeout.InfiniteTimeSpan, TimeProvider.System);
        // The open response reaches past where the stream is told to end, as a first part may.
        var first = new BodyPart(null, new PatternStream(0, 1_000), isWhole: false, end: 1_000, total: 1_000, logId: null);
        using var stream = new ResumableBodyStream(requester, first, rules, start: 0, total: 1_000, end: 1_000);
        stream.EndAt(400);

        var sink = new MemoryStream();
        await stream.CopyToAsync(sink);

        Assert.Equal(Enumerable.Range(0, 400).Select(i => PatternStream.ByteAt(i)).ToArray(), sink.ToArray());
    }

    public static async Task<byte[]> HashAsync(Stream content, Consumption how)
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

    /// <summary>A body that never sends a byte, until it is disposed: then its pending read fails as an aborted connection does.</summary>
    private sealed class SilentBody : StubStream
    {
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool CanRead => true;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reading.TrySetResult();
            await _disposed.Task.WaitAsync(cancellationToken);
            throw new IOException("The connection was aborted.");
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetResult();
            base.Dispose(disposing);
        }
    }

    /// <summary>A destination whose first write fails, as a full disk does.</summary>
    private sealed class FailingDestination(IOException failure) : StubStream
    {
        public override bool CanWrite => true;
        public override void Write(byte[] buffer, int offset, int count) => throw failure;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException(failure);
    }
}
