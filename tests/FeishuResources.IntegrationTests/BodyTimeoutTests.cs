using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;
using Xunit;

namespace FeishuResources.IntegrationTests;

/// <summary>Timeouts guard headers and stalls, never a body that keeps flowing.</summary>
public sealed class BodyTimeoutTests
{
    private const string MessageId = "om_timeouts_1";

    [Fact]
    public async Task A_body_that_keeps_flowing_outlives_the_attempt_and_total_timeouts()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(configure: o =>
        {
            o.Timeouts.AttemptTimeout = TimeSpan.FromMilliseconds(500);
            o.Timeouts.TotalTimeout = TimeSpan.FromMilliseconds(500);
        });
        var content = FeishuEmulatorContent.Generated(640 * 1024, seed: 7);
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_slow", FeishuResourceType.File, content, "application/zip");
        feishu.Emulator.Faults.SlowBody(64 * 1024, TimeSpan.FromMilliseconds(200), "file_v3_slow");
        await using var sink = new HashingSink();

        await using (FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, "file_v3_slow", FeishuResourceType.File))
        {
            await download.CopyToAsync(sink);
        }

        Assert.Equal(await HashingSink.HashOfAsync(content.OpenRead()), sink.Hash());
        Assert.Single(feishu.Emulator.Traffic.Requests, r => r.Api == FeishuEmulatorApi.MessageResources);
    }

    [Fact]
    public async Task A_stalled_body_is_detected_by_the_idle_timeout_and_resumed_with_Range()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(configure: o => o.Timeouts.BodyIdleTimeout = TimeSpan.FromMilliseconds(300));
        var content = FeishuEmulatorContent.Generated(1024 * 1024, seed: 8);
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_stall", FeishuResourceType.File, content, "application/zip");
        feishu.Emulator.Faults.SlowBody(256 * 1024, TimeSpan.FromSeconds(2), "file_v3_stall", times: 1);
        await using var sink = new HashingSink();

        await using (FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, "file_v3_stall", FeishuResourceType.File))
        {
            await download.CopyToAsync(sink);
        }

        Assert.Equal(await HashingSink.HashOfAsync(content.OpenRead()), sink.Hash());
        Assert.Contains(feishu.Emulator.Traffic.Requests, r => r.Api == FeishuEmulatorApi.MessageResources && r.StatusCode == 206);
    }
}
