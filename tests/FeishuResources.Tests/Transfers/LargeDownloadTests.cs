using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

public sealed class LargeDownloadTests
{
    private const int Chunk = 64 * 1024;
    private const long Size = (3 * Chunk) + 1234;

    /// <summary>Saves with one stream unless a test says otherwise: the path a 234037 takes when parallel ranges are off.</summary>
    private static MockFeishu Feishu(Action<FeishuResourcesOptions>? configure = null)
        => new(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 1;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task Resource_refused_whole_with_234037_is_fetched_in_ranged_chunks_as_one_stream()
    {
        using var feishu = Feishu();
        var server = new FakeResourceServer(feishu, Size) { RefuseWhole = true };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashingSink.HashOfAsync(download.Content);

        Assert.Equal(Size, download.ContentLength);
        Assert.Equal("big.bin", download.FileName);
        Assert.Equal(FakeResourceServer.LogId, download.LogId);
        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal(
            new[] { null, "bytes=0-65535", "bytes=65536-131071", "bytes=131072-196607", "bytes=196608-197841" },
            server.Ranges);
    }

    [Fact]
    public async Task Ranged_fallback_can_be_turned_off()
    {
        using var feishu = Feishu(o => o.EnableRangedLargeDownloads = false);
        var server = new FakeResourceServer(feishu, Size) { RefuseWhole = true };

        var ex = await Assert.ThrowsAsync<FeishuResourceTooLargeException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));

        Assert.Equal(234037, ex.Code);
        Assert.Single(server.Ranges);
    }

    [Theory]
    [InlineData(BodyCopyTests.Consumption.Copied)]
    [InlineData(BodyCopyTests.Consumption.ReadInBlocks)]
    public async Task A_connection_closing_right_after_a_chunks_last_byte_loses_nothing_and_is_no_resume(BodyCopyTests.Consumption how)
    {
        using var feishu = Feishu(o => o.MaxResumeAttempts = 0);
        var server = new FakeResourceServer(feishu, Size) { RefuseWhole = true, DropAfter = i => i == 1 ? Chunk : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await BodyCopyTests.HashAsync(download.Content, how);

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal(
            new[] { null, "bytes=0-65535", "bytes=65536-131071", "bytes=131072-196607", "bytes=196608-197841" },
            server.Ranges);
    }

    [Fact]
    public async Task Ranges_refused_too_keep_the_log_id_out_of_the_summary()
    {
        using var feishu = Feishu();
        _ = new FakeResourceServer(feishu, Size) { RefuseWhole = true, RefuseRangesWithCode = 234037 };

        var ex = await Assert.ThrowsAsync<FeishuResourceTooLargeException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));

        Assert.NotNull(ex.LogId);
        Assert.Contains("Downloading it in ranges failed", ex.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(ex.LogId, ex.Summary, StringComparison.Ordinal);
        Assert.StartsWith(ex.Summary, ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("Log id: " + ex.LogId + ".", ex.Message.Split(" Troubleshooter:")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranges_refused_too_throw_too_large_with_the_refusal_inside()
    {
        using var feishu = Feishu();
        _ = new FakeResourceServer(feishu, Size) { RefuseWhole = true, RefuseRangesWithCode = 234037 };

        var ex = await Assert.ThrowsAsync<FeishuResourceTooLargeException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));

        Assert.Equal(234037, ex.Code);
        Assert.Contains("ranged request was refused too", ex.Message, StringComparison.Ordinal);
        Assert.IsType<FeishuResourceTooLargeException>(ex.InnerException);
    }

    [Fact]
    public async Task Ranges_answered_with_200_throw_too_large()
    {
        using var feishu = Feishu();
        _ = new FakeResourceServer(feishu, Size) { RefuseWhole = true, IgnoreRange = true };

        var ex = await Assert.ThrowsAsync<FeishuResourceTooLargeException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));

        Assert.Contains("ignored the Range request", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunk_whose_content_range_total_disagrees_fails_the_download()
    {
        using var feishu = Feishu();
        _ = new FakeResourceServer(feishu, Size)
        {
            RefuseWhole = true,
            ClaimRange = (i, from, to, total) => i == 3 ? (from, to, total * 2) : (from, to, total),
        };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.Equal(2 * Chunk, ex.BytesReceived);
        Assert.Contains("total", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunk_claiming_a_different_end_than_asked_fails_the_download()
    {
        using var feishu = Feishu();
        _ = new FakeResourceServer(feishu, Size)
        {
            RefuseWhole = true,
            ClaimRange = (i, from, to, total) => i == 2 ? (from, to + 10, total) : (from, to, total),
        };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);

        await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task Chunk_dropped_midway_is_resumed_within_its_range()
    {
        using var feishu = Feishu();
        var server = new FakeResourceServer(feishu, Size) { RefuseWhole = true, DropAfter = i => i == 2 ? 1_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashingSink.HashOfAsync(download.Content);

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal("bytes=65536-131071", server.Ranges[2]);
        Assert.Equal("bytes=66536-131071", server.Ranges[3]);
    }

    [Fact]
    public async Task Declared_size_over_max_download_bytes_fails_before_the_body_is_read()
    {
        using var feishu = Feishu(o => o.MaxDownloadBytes = Size - 1);
        var server = new FakeResourceServer(feishu, Size) { RefuseWhole = true };

        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));

        Assert.Contains("MaxDownloadBytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Ranges.Count);
    }

    [Fact]
    public async Task Body_of_undeclared_length_growing_past_max_download_bytes_is_aborted()
    {
        using var feishu = Feishu(o => o.MaxDownloadBytes = 100_000);
        _ = new FakeResourceServer(feishu, Size) { OmitLength = true };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var sink = new HashingSink();
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(sink));

        Assert.Contains("MaxDownloadBytes", ex.Message, StringComparison.Ordinal);
        Assert.True(sink.BytesWritten <= 100_000);
    }

    [Fact]
    public async Task Parallel_ranges_save_the_whole_file_without_a_refused_whole_request_and_one_request_more_than_ranges()
    {
        using var feishu = Feishu(o => o.ParallelChunks = 3);
        var server = new FakeResourceServer(feishu, Size) { RefuseWhole = true };

        // Answer 0 is the probe for the first chunk: the next two range requests are held until both are in
        // flight at once, which only a parallel save achieves.
        int held = 0;
        var together = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.BeforeAnswer = async index =>
        {
            if (index >= 1 && index <= 2)
            {
                if (Interlocked.Increment(ref held) == 2)
                {
                    together.SetResult();
                }

                await together.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var progress = new RecordingProgress();
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin"), progress);

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));

        // Three ranges of 65,948 bytes: the probe (64 KiB) and the rest of the first range, then one request each.
        Assert.Equal(4, server.Ranges.Count);
        Assert.Equal("bytes=0-65535", server.Ranges[0]);
        Assert.DoesNotContain(null, server.Ranges);
        Assert.Equal(Size, progress.Reports[^1]);
        Assert.Equal(new[] { "big.bin" }, folder.Names());
    }

    [Fact]
    public async Task Parallel_range_failure_fails_the_save_and_leaves_no_file()
    {
        using var feishu = Feishu(o =>
        {
            o.ParallelChunks = 2;
            o.MaxResumeAttempts = 0;
        });
        _ = new FakeResourceServer(feishu, Size) { RefuseWhole = true, EndAfter = i => i == 2 ? 10 : null };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);

        await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")));
        Assert.Empty(folder.Names());
    }
}
