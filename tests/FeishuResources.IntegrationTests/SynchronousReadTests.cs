using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;
using Xunit;

namespace FeishuResources.IntegrationTests;

/// <summary>A synchronous read of <c>Content</c> keeps the promises of an asynchronous one.</summary>
public sealed class SynchronousReadTests
{
    private const string MessageId = "om_sync_1";

    [Fact]
    public async Task A_synchronous_read_of_a_stalled_body_is_ended_by_the_idle_timeout_and_resumed()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(configure: o => o.Timeouts.BodyIdleTimeout = TimeSpan.FromMilliseconds(300));
        var content = FeishuEmulatorContent.Generated(1024 * 1024, seed: 9);
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_sync_stall", FeishuResourceType.File, content, "application/zip");
        feishu.Emulator.Faults.SlowBody(256 * 1024, TimeSpan.FromSeconds(2), "file_v3_sync_stall", times: 1);
        await using var sink = new HashingSink();

        await using (FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, "file_v3_sync_stall", FeishuResourceType.File))
        {
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = download.Content.Read(buffer, 0, buffer.Length)) > 0)
            {
                sink.Write(buffer, 0, read);
            }
        }

        Assert.Equal(await HashingSink.HashOfAsync(content.OpenRead()), sink.Hash());
        Assert.Contains(feishu.Emulator.Traffic.Requests, r => r.Api == FeishuEmulatorApi.MessageResources && r.StatusCode == 206);
    }
}
