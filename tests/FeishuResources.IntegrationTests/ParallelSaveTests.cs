using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>Saves fetch large resources in parallel ranges by default (issue 16), against the emulator over real sockets.</summary>
public sealed class ParallelSaveTests
{
    private const string MessageId = "om_parallel";
    private const string Key = "file_v3_parallel";
    private const int Chunk = 64 * 1024;
    private const int Size = (16 * Chunk) + 4321;

    private static Task<EmulatedFeishu> StartAsync() => EmulatedFeishu.StartAsync(configure: o => o.RangeChunkSize = Chunk);

    [Fact]
    public async Task A_save_by_default_fetches_parallel_ranges_with_at_most_one_request_more_than_ranges_and_no_429()
    {
        await using EmulatedFeishu feishu = await StartAsync();
        var content = FeishuEmulatorContent.Generated(Size, seed: 16);
        feishu.Emulator.AddMessageResource(MessageId, Key, FeishuResourceType.File, content, "application/zip", "parallel.zip");
        using var folder = new Folder();
        var reports = new List<long>();

        await using (FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, Key, FeishuResourceType.File))
        {
            Assert.Equal(Size, download.ContentLength);
            await download.SaveToDirectoryAsync(folder.Path, new SynchronousProgress(reports.Add));
        }

        string saved = Assert.Single(Directory.GetFiles(folder.Path));
        Assert.Equal(await HashingSink.HashOfAsync(content.OpenRead()), HashingSink.HashOfFile(saved));
        Assert.Equal(Size, reports[^1]);
        Assert.True(reports.SequenceEqual(reports.Order()), "progress went backwards");

        List<string> ranges = RangesAsked(feishu);
        Assert.Equal("bytes=0-65535", ranges[0]);
        Assert.All(ranges.Skip(1), range => Assert.Matches(@"^bytes=\d+-\d*$", range));

        // 8 ranges of 131,613 bytes: the probe, the rest of the first range, and one request for each other range.
        Assert.Equal(9, ranges.Count);
        Assert.All(feishu.Emulator.Traffic.Requests.Where(r => r.Api == FeishuEmulatorApi.MessageResources), r => Assert.Equal(206, r.StatusCode));
    }

    [Fact]
    public async Task Drops_in_several_ranges_at_once_are_resumed_each_for_its_own_rest()
    {
        await using EmulatedFeishu feishu = await StartAsync();
        var content = FeishuEmulatorContent.Generated(Size, seed: 17);
        feishu.Emulator.AddMessageResource(MessageId, Key, FeishuResourceType.File, content, "application/zip", "parallel.zip");
        feishu.Emulator.Faults.DropConnectionAfter(10_000, Key, times: 4);
        using var folder = new Folder();

        await using (FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, Key, FeishuResourceType.File))
        {
            await download.SaveToFileAsync(Path.Combine(folder.Path, "out.zip"));
        }

        Assert.Equal(await HashingSink.HashOfAsync(content.OpenRead()), HashingSink.HashOfFile(Path.Combine(folder.Path, "out.zip")));
        List<string> ranges = RangesAsked(feishu);
        // One request per range plus the probe, and one resume per drop; a drop of the probe is resumed by the
        // request for the rest of the first range, which it would have sent anyway.
        Assert.InRange(ranges.Count, 9 + 4 - 1, 9 + 4);

        // A resume asks for the rest of its own range only: it ends where the range it continues ends.
        const int RangeSize = (Size + 7) / 8;
        var rangeEnds = Enumerable.Range(1, 8).Select(i => (long)Math.Min(i * RangeSize, Size) - 1).ToHashSet();
        Assert.All(ranges.Skip(1), range => Assert.Contains(range.EndsWith('-') ? Size - 1 : long.Parse(range.Split('-')[1]), rangeEnds));
    }

    [Fact]
    public async Task Cancelling_a_parallel_save_midway_leaves_no_file_and_stops_every_range()
    {
        await using EmulatedFeishu feishu = await StartAsync();
        feishu.Emulator.AddMessageResource(MessageId, Key, FeishuResourceType.File, FeishuEmulatorContent.Generated(Size, seed: 18), "application/zip", "parallel.zip");
        feishu.Emulator.Faults.SlowBody(8 * 1024, TimeSpan.FromMilliseconds(20), Key);
        using var folder = new Folder();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(bytes => { if (bytes > 3 * Chunk) { cancel.Cancel(); } });

        await using (FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, Key, FeishuResourceType.File))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.SaveToDirectoryAsync(folder.Path, progress, cancel.Token));
        }

        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        int asked = RangesAsked(feishu).Count;
        await Task.Delay(300);
        Assert.Equal(asked, RangesAsked(feishu).Count);
        Assert.InRange(asked, 2, 9);
    }

    private static List<string> RangesAsked(EmulatedFeishu feishu)
        => feishu.Emulator.Traffic.Requests
            .Where(r => r.Api == FeishuEmulatorApi.MessageResources)
            .Select(r => r.Headers.FirstOrDefault(h => h.Key.Equals("Range", StringComparison.OrdinalIgnoreCase)).Value ?? "(none)")
            .ToList();

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private sealed class Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("feishu-parallel-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
