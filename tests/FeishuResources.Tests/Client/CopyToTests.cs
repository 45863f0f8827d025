using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Client;

public sealed class CopyToTests
{
    private const string FileUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_big";

    [Fact]
    public async Task Progress_is_monotonic_and_ends_with_the_total()
    {
        using var feishu = new MockFeishu();
        byte[] body = new byte[1_000_003];
        new Random(7).NextBytes(body);
        // Arriving in small pieces as from a socket, rather than in the one block a byte array copies as.
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new NonSeekableStream(body)) });
        var reports = new SynchronousProgress();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_big");
        var sink = new MemoryStream();
        await download.CopyToAsync(sink, reports);

        Assert.Equal(body, sink.ToArray());
        Assert.True(reports.Values.Count > 2, "expected intermediate reports");
        Assert.Equal(body.Length, reports.Values[^1]);
        for (int i = 1; i < reports.Values.Count; i++)
        {
            Assert.True(reports.Values[i] > reports.Values[i - 1], "progress went backwards or repeated");
        }
    }

    [Fact]
    public async Task An_empty_body_reports_zero_once()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.File([]));
        var reports = new SynchronousProgress();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_big");
        await download.CopyToAsync(Stream.Null, reports);

        Assert.Equal([0L], reports.Values);
    }

    [Fact]
    public async Task Null_or_unwritable_destination_is_refused()
    {
        await using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream([1, 2]));

        var nullDestination = await Assert.ThrowsAsync<ArgumentNullException>(() => download.CopyToAsync(null!));
        var readOnly = await Assert.ThrowsAsync<ArgumentException>(() => download.CopyToAsync(new MemoryStream([], writable: false)));

        Assert.Equal("destination", nullDestination.ParamName);
        Assert.Equal("destination", readOnly.ParamName);
    }

    [Fact]
    public async Task Without_resumption_a_body_shorter_than_its_content_length_fails_with_the_byte_counts()
    {
        using var feishu = new MockFeishu(o => o.MaxResumeAttempts = 0);
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ =>
        {
            HttpResponseMessage response = MockFeishu.File(new byte[500], logId: "LOG-SHORT");
            response.Content.Headers.ContentLength = 1000;
            return response;
        });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_big");
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(new MemoryStream()));

        Assert.IsAssignableFrom<IOException>(ex);
        Assert.Equal(500, ex.BytesReceived);
        Assert.Equal(1000, ex.BytesExpected);
        Assert.Equal("LOG-SHORT", ex.LogId);
        Assert.Equal("file_big", ex.ResourceKey);
        Assert.Contains("500 of 1000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_resumption_a_connection_reset_mid_body_fails_with_the_bytes_received()
    {
        using var feishu = new MockFeishu(o => o.MaxResumeAttempts = 0);
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ =>
        {
            var content = new StreamContent(new NonSeekableStream(new byte[10_000], failAfter: 4000));
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
        });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_big");
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(new MemoryStream()));

        Assert.Equal(4000, ex.BytesReceived);
        Assert.Null(ex.BytesExpected);
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Fact]
    public async Task Model_factory_builds_a_download_that_copies_its_content()
    {
        byte[] body = [1, 2, 3, 4];
        await using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream(body), "file_fake", "image/png", "猫.png", body.Length, "LOG");
        var sink = new MemoryStream();

        await download.CopyToAsync(sink);

        Assert.Equal(body, sink.ToArray());
        Assert.Equal(("file_fake", "image/png", "猫.png", 4L, "LOG"), (download.ResourceKey, download.ContentType, download.FileName, download.ContentLength!.Value, download.LogId));
    }

    [Fact]
    public async Task Model_factory_download_with_a_wrong_length_fails_like_a_real_one()
    {
        await using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream([1, 2]), contentLength: 5);

        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(new MemoryStream()));

        Assert.Equal(2, ex.BytesReceived);
        Assert.Throws<ArgumentNullException>(() => FeishuResourcesModelFactory.Download(null!));
    }

    [Fact]
    public async Task Disposing_twice_is_harmless_and_releases_the_body()
    {
        var body = new NonSeekableStream([1, 2, 3]);
        FeishuDownload download = FeishuResourcesModelFactory.Download(body);

        download.Dispose();
        await download.DisposeAsync();

        Assert.True(body.IsDisposed);
    }

    private sealed class SynchronousProgress : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }

    [Fact]
    public async Task A_zero_length_read_is_not_mistaken_for_the_end_of_the_body()
    {
        await using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream(new byte[10]), contentLength: 10);

        Assert.Equal(0, await download.Content.ReadAsync(Memory<byte>.Empty));
        Assert.Equal(0, await download.Content.ReadAsync(new byte[4], 0, 0));
        Assert.Equal(10, await download.Content.ReadAsync(new byte[64]));
    }
}
