using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;
using Xunit;

namespace FeishuResources.IntegrationTests;

public sealed class LargeDownloadTests
{
    private const string MessageId = "om_large_1";
    private const long Size = 120L * 1024 * 1024;

    [Fact]
    public async Task A_120_MB_message_resource_refused_whole_is_saved_to_disk_through_ranges_with_its_SHA256_intact()
    {
        // One stream: the path a 234037 takes when parallel ranges (and their probe) are off.
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(configure: o => o.ParallelChunks = 1);
        var content = FeishuEmulatorContent.Generated(Size, seed: 120);
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_video", FeishuResourceType.File, content, "video/mp4", "发布会 录像.mp4");
        string folder = Directory.CreateTempSubdirectory("feishu-large-").FullName;
        try
        {
            string saved;
            await using (FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, "file_v3_video", FeishuResourceType.File))
            {
                Assert.Equal(Size, download.ContentLength);
                saved = await download.SaveToDirectoryAsync(folder);
            }

            Assert.Equal(Path.Combine(folder, "发布会 录像.mp4"), saved);
            Assert.Equal(Size, new FileInfo(saved).Length);
            Assert.Equal(await HashingSink.HashOfAsync(content.OpenRead()), HashingSink.HashOfFile(saved));

            Assert.Single(Directory.GetFiles(folder));
            IReadOnlyList<FeishuEmulatorRequest> requests = feishu.Emulator.Traffic.Requests.Where(r => r.Api == FeishuEmulatorApi.MessageResources).ToList();
            Assert.Equal(234037, RefusalCode(requests[0]));
            Assert.Equal(15, requests.Count(r => r.StatusCode == 206));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Cancelling_a_save_midway_leaves_no_file_behind()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_slow", FeishuResourceType.File, FeishuEmulatorContent.Generated(4 * 1024 * 1024), "application/zip", "archive.zip");
        feishu.Emulator.Faults.SlowBody(64 * 1024, TimeSpan.FromMilliseconds(20), "file_v3_slow");
        string folder = Directory.CreateTempSubdirectory("feishu-cancel-").FullName;
        try
        {
            using var cancel = new CancellationTokenSource();
            var progress = new SynchronousProgress(bytes => { if (bytes > 256 * 1024) { cancel.Cancel(); } });
            await using FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, "file_v3_slow", FeishuResourceType.File);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.SaveToDirectoryAsync(folder, progress, cancel.Token));

            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int? RefusalCode(FeishuEmulatorRequest request) => request.StatusCode == 400 ? 234037 : null;

    /// <summary>Reports on the copying thread, unlike <see cref="Progress{T}"/>, so the test reacts at once.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
