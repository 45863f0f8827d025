using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>Runs alone: GC.GetTotalAllocatedBytes counts every thread, so parallel tests would blur the measure.</summary>
[CollectionDefinition(nameof(LargeDownloadMemoryTests), DisableParallelization = true)]
public sealed class AllocationCollection
{
}

[Collection(nameof(LargeDownloadMemoryTests))]
public sealed class LargeDownloadMemoryTests
{
    /// <summary>
    /// A 120 MB resource, refused whole and fetched in 15 ranges of 8 MiB, streams through pooled buffers:
    /// what it allocates (requests, headers, a few objects per chunk) must not grow with its size. 8 MB is
    /// under 7% of the body; buffering even one chunk would already allocate 8 MiB and fail.
    /// </summary>
    [Fact]
    public async Task Ranged_download_of_120_MB_allocates_far_less_than_its_size()
    {
        const long size = 120L * 1000 * 1000;
        byte[] expected = PatternStream.Sha256(size);
        await DownloadAndHashAsync(1_000_000);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        byte[] hash = await DownloadAndHashAsync(size);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(expected, hash);
        Assert.True(allocated < 8 * 1024 * 1024, $"The 120 MB download allocated {allocated:N0} bytes.");
    }

    private static async Task<byte[]> DownloadAndHashAsync(long size)
    {
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        var server = new FakeResourceServer(feishu, size) { RefuseWhole = true };
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        using var sink = new HashingSink();
        await download.CopyToAsync(sink);
        Assert.Equal(size, sink.BytesWritten);
        Assert.Equal(1 + (int)((size + (8 * 1024 * 1024) - 1) / (8 * 1024 * 1024)), server.Ranges.Count);
        return sink.Hash();
    }
}
