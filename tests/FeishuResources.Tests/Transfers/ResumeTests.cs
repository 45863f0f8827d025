using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

public sealed class ResumeTests
{
    private const long Size = 300_000;

    [Fact]
    public async Task Dropped_connection_continues_with_a_range_from_the_received_offset()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size) { DropAfter = i => i == 0 ? 100_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashingSink.HashOfAsync(download.Content);

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal(new[] { null, "bytes=100000-" }, server.Ranges);
    }

    [Fact]
    public async Task Body_ending_before_its_length_is_resumed_rather_than_returned_short()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size) { EndAfter = i => i == 0 ? 12_345 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashingSink.HashOfAsync(download.Content);

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal("bytes=12345-", server.Ranges[1]);
    }

    [Fact]
    public async Task Truncated_body_without_resume_throws_with_key_counts_and_log_id()
    {
        using var feishu = new MockFeishu(o => { o.MaxResumeAttempts = 0; o.ParallelChunks = 1; });
        _ = new FakeResourceServer(feishu, Size) { EndAfter = _ => 5_000 };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.IsAssignableFrom<IOException>(ex);
        Assert.Equal(FakeResourceServer.FileKey, ex.ResourceKey);
        Assert.Equal(5_000, ex.BytesReceived);
        Assert.Equal(Size, ex.BytesExpected);
        Assert.Equal(FakeResourceServer.LogId, ex.LogId);
    }

    [Fact]
    public async Task Resume_attempts_without_new_bytes_are_bounded()
    {
        using var feishu = new MockFeishu(o => { o.MaxResumeAttempts = 2; o.ParallelChunks = 1; });
        var server = new FakeResourceServer(feishu, Size) { DropAfter = i => i == 0 ? 1_000 : 0 };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.Equal(1_000, ex.BytesReceived);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.Equal(3, server.Ranges.Count);
    }

    [Fact]
    public async Task Attempts_that_bring_new_bytes_reset_the_count()
    {
        using var feishu = new MockFeishu(o => { o.MaxResumeAttempts = 1; o.ParallelChunks = 1; });
        var server = new FakeResourceServer(feishu, Size) { DropAfter = i => i < 5 ? 50_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashingSink.HashOfAsync(download.Content);

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal(6, server.Ranges.Count);
    }

    [Fact]
    public async Task Resume_answered_with_200_fails_the_stream_because_bytes_were_already_handed_out()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size) { IgnoreRange = true, DropAfter = i => i == 0 ? 70_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.Contains("ignored the Range", ex.Message, StringComparison.Ordinal);
        Assert.Equal(70_000, ex.BytesReceived);
        Assert.Equal("bytes=70000-", server.Ranges[1]);
    }

    [Fact]
    public async Task Resume_whose_content_range_starts_elsewhere_is_rejected()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        _ = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? 10_000 : null,
            ClaimRange = (_, from, to, total) => (from - 1, to, total),
        };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.Contains("bytes 9999-", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_whose_content_range_total_differs_is_rejected()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        _ = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? 10_000 : null,
            ClaimRange = (_, from, to, total) => (from, to, total + 1),
        };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.Contains("a total of 300001 bytes where 300000 were announced", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_of_undeclared_length_is_resumed_and_learns_the_total_from_content_range()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, Size) { OmitLength = true, DropAfter = i => i == 0 ? 64_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashingSink.HashOfAsync(download.Content);

        Assert.Null(download.ContentLength);
        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal("bytes=64000-", server.Ranges[1]);
    }

    [Fact]
    public async Task Resume_refused_by_the_platform_surfaces_as_a_download_exception_with_the_cause()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        _ = new FakeResourceServer(feishu, Size) { RefuseRangesWithCode = 234005, DropAfter = i => i == 0 ? 10_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.IsType<FeishuResourceNotFoundException>(ex.InnerException);
        Assert.Equal(10_000, ex.BytesReceived);
    }

    [Fact]
    public async Task Body_longer_than_its_declared_length_is_an_error()
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/k").Respond(_ =>
        {
            var content = new StreamContent(new PatternStream(0, 2_000));
            content.Headers.ContentLength = 1_000;
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
        });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("k");
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.Contains("more than its declared 1000 bytes", ex.Message, StringComparison.Ordinal);
    }
}
