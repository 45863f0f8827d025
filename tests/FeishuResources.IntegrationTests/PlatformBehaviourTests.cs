using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>What the platform answers by itself, without injected faults, as the SDK reports it.</summary>
public sealed class PlatformBehaviourTests
{
    private const string MessageId = "om_x100b4d2e5f";

    [Fact]
    public async Task A_bot_file_downloads_with_its_type_length_name_log_id_and_exact_bytes()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        FeishuEmulatorContent content = FeishuEmulatorContent.Generated(300_000, seed: 7);
        feishu.Emulator.AddFile("file_v3_bot", content, "application/pdf", "report.pdf");

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_v3_bot");
        await using var sink = new HashingSink();
        await download.CopyToAsync(sink);

        Assert.Equal("application/pdf", download.ContentType);
        Assert.Equal(300_000, download.ContentLength);
        Assert.Equal("report.pdf", download.FileName);
        Assert.Equal(34, download.LogId?.Length);
        Assert.Equal(await HashingSink.HashOfAsync(content.OpenRead()), sink.Hash());
    }

    [Fact]
    public async Task A_key_that_is_not_in_the_message_is_not_found_with_234003()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_here", FeishuResourceType.File, FeishuEmulatorContent.Generated(10), "text/plain");

        var error = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(
            () => feishu.Client.DownloadMessageResourceAsync(MessageId, "file_v3_elsewhere", FeishuResourceType.File));

        Assert.Equal(234003, error.Code);
    }

    [Fact]
    public async Task A_users_file_through_the_files_endpoint_is_refused_with_234008_and_points_to_message_resources()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_user", FeishuResourceType.File, FeishuEmulatorContent.Generated(10), "text/plain");

        var error = await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => feishu.Client.DownloadFileAsync("file_v3_user"));

        Assert.Equal(234008, error.Code);
        Assert.Contains("DownloadMessageResourceAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_ranged_downloads_off_a_whole_download_over_100_MB_is_refused_with_234037()
    {
        // With parallel ranges on, a download starts with a range, which the platform never refuses as too large.
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(configure: o => { o.EnableRangedLargeDownloads = false; o.ParallelChunks = 1; });
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_huge", FeishuResourceType.File, FeishuEmulatorContent.Generated(120L * 1024 * 1024), "video/mp4");

        var error = await Assert.ThrowsAsync<FeishuResourceTooLargeException>(
            () => feishu.Client.DownloadMessageResourceAsync(MessageId, "file_v3_huge", FeishuResourceType.File));

        Assert.Equal(234037, error.Code);
    }

    [Fact]
    public async Task An_image_requested_as_a_file_is_an_invalid_request()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddMessageResource(MessageId, "img_v3_0211j", FeishuResourceType.Image, FeishuEmulatorContent.Generated(10), "image/png");

        var error = await Assert.ThrowsAsync<FeishuInvalidRequestException>(
            () => feishu.Client.DownloadMessageResourceAsync(MessageId, "img_v3_0211j", FeishuResourceType.File));

        Assert.Equal(234001, error.Code);
    }

    [Fact]
    public async Task A_wrong_app_secret_is_refused_with_10014_as_an_authentication_error_without_the_secret()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(configure: sdk => sdk.AppSecret = "not-the-secret-value");
        feishu.Emulator.AddFile("file_v3_bot", FeishuEmulatorContent.Generated(10), "text/plain");

        var error = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("file_v3_bot"));

        Assert.Equal(10014, error.Code);
        Assert.DoesNotContain("not-the-secret-value", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, feishu.Emulator.Traffic.CountRequests(FeishuEmulatorApi.Files));
    }
}
