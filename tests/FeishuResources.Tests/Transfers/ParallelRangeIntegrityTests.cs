using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>What a parallel save (the default) does with a server that ignores ranges or lies about a range.</summary>
public sealed class ParallelRangeIntegrityTests
{
    private const int Chunk = 64 * 1024;
    private const long Size = (5 * Chunk) + 777;

    private static MockFeishu Feishu(Action<FeishuResourcesOptions>? configure = null)
        => new(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 4;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task A_server_ignoring_the_probes_range_is_saved_from_its_whole_answer_in_one_request()
    {
        using var feishu = Feishu();
        var server = new FakeResourceServer(feishu, Size) { IgnoreRange = true };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin"));

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
        Assert.Equal(new[] { "bytes=0-65535" }, server.Ranges);
    }

    [Fact]
    public async Task A_range_lying_about_the_total_fails_the_save_and_leaves_no_file()
    {
        using var feishu = Feishu(o => o.MaxResumeAttempts = 0);
        _ = new FakeResourceServer(feishu, Size) { ClaimRange = (index, from, to, total) => index == 2 ? (from, to, total + 1) : (from, to, total) };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin")));

        Assert.Contains("total", ex.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task An_empty_resource_answering_the_probe_with_416_is_asked_for_whole()
    {
        using var feishu = Feishu();
        var server = new FakeResourceServer(feishu, 0)
        {
            Intercept = index => index == 0 ? new HttpResponseMessage(System.Net.HttpStatusCode.RequestedRangeNotSatisfiable) : null,
        };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "empty.bin"));

        Assert.Equal(0, new FileInfo(path).Length);
        Assert.Equal(new[] { "bytes=0-65535", null }, server.Ranges);
    }
}
