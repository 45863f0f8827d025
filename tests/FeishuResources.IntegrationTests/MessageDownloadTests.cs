using System.Security.Cryptography;
using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>
/// Every kind of message, seeded in the emulator as the platform sends it, downloaded by its message id alone:
/// each resource with the right id and type, under the right name (Chinese and emoji), with the seeded bytes.
/// </summary>
public sealed class MessageDownloadTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "feishu-messages-" + Guid.NewGuid().ToString("N"));

    /// <summary>A resource to seed: key, type, media type, the name its header carries, and the name it must be saved under.</summary>
    public sealed record Seed(string MessageId, string Key, FeishuResourceType Type, string ContentType, string? HeaderName, string SavedName);

    public static TheoryData<string, string, Seed[]> Messages => new()
    {
        { "image", """{"image_key":"img_v3_photo"}""", [new("om_msg", "img_v3_photo", FeishuResourceType.Image, "image/png", null, "img_v3_photo.png")] },
        { "file", """{"file_key":"file_v3_report","file_name":"季度报告 🎉.pdf"}""", [new("om_msg", "file_v3_report", FeishuResourceType.File, "application/pdf", "季度报告 🎉.pdf", "季度报告 🎉.pdf")] },
        { "audio", """{"file_key":"file_v3_voice","duration":2000}""", [new("om_msg", "file_v3_voice", FeishuResourceType.File, "audio/opus", "语音 🎙.opus", "语音 🎙.opus")] },
        {
            "media", """{"file_key":"file_v3_clip","image_key":"img_v3_cover","file_name":"🎬 片段.mp4","duration":65000}""",
            [new("om_msg", "file_v3_clip", FeishuResourceType.File, "video/mp4", "clip-from-header.mp4", "🎬 片段.mp4"), new("om_msg", "img_v3_cover", FeishuResourceType.Image, "image/jpeg", null, "img_v3_cover.jpg")]
        },
        {
            "post", """{"zh_cn":{"title":"周报","content":[[{"tag":"text","text":"看 "},{"tag":"img","image_key":"img_v3_in_post"}],[{"tag":"media","file_key":"file_v3_post_video","image_key":"img_v3_post_cover"}]]}}""",
            [
                new("om_msg", "img_v3_in_post", FeishuResourceType.Image, "image/png", "图表 📈.png", "图表 📈.png"),
                new("om_msg", "file_v3_post_video", FeishuResourceType.File, "video/mp4", "演示.mp4", "演示.mp4"),
                new("om_msg", "img_v3_post_cover", FeishuResourceType.Image, "image/jpeg", null, "img_v3_post_cover.jpg"),
            ]
        },
        { "post", """{"title":"plain","content":[[{"tag":"img","image_key":"img_v3_plain_post"}]]}""", [new("om_msg", "img_v3_plain_post", FeishuResourceType.Image, "image/gif", "动图.gif", "动图.gif")] },
        { "sticker", """{"file_key":"file_v3_sticker"}""", [] },
        { "text", """{"text":"没有附件 🙂"}""", [] },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Every_resource_of_a_message_is_saved_by_its_id_alone_with_its_name_and_bytes(string messageType, string content, Seed[] seeds)
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddMessage("om_msg", messageType, content);
        Dictionary<string, byte[]> hashes = SeedAll(feishu.Emulator, seeds);

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync(
            "om_msg", _folder, new FeishuMessageDownloadOptions { IncludeVideoCovers = true });

        AssertSaved(results, seeds, hashes);
        Assert.Equal(1, feishu.Emulator.Traffic.CountRequests(FeishuEmulatorApi.Messages));
    }

    [Fact]
    public async Task A_merge_forward_is_saved_through_the_container_nested_forwards_included()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        const string Placeholder = """{"content":"Merged and Forwarded Message"}""";
        feishu.Emulator.AddMessage("om_forward", "merge_forward", Placeholder);
        feishu.Emulator.AddMessage("om_sub_image", "image", """{"image_key":"img_v3_forwarded"}""", "om_forward");
        feishu.Emulator.AddMessage("om_nested", "merge_forward", Placeholder, "om_forward");
        feishu.Emulator.AddMessage("om_nested_file", "file", """{"file_key":"file_v3_nested","file_name":"嵌套 🪆.txt"}""", "om_nested");
        Seed[] seeds =
        [
            new("om_forward", "img_v3_forwarded", FeishuResourceType.Image, "image/webp", "转发 ↪.webp", "转发 ↪.webp"),
            new("om_forward", "file_v3_nested", FeishuResourceType.File, "text/plain", null, "嵌套 🪆.txt"),
        ];
        Dictionary<string, byte[]> hashes = SeedAll(feishu.Emulator, seeds);

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_forward", _folder);

        AssertSaved(results, seeds, hashes);
        Assert.Equal(["om_sub_image", "om_nested_file"], results.Select(r => r.Resource.MessageId));
    }

    [Fact]
    public async Task A_resource_is_served_only_through_the_right_message_id_and_type()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddMessage("om_forward", "merge_forward", """{"content":"Merged and Forwarded Message"}""");
        feishu.Emulator.AddMessage("om_sub", "image", """{"image_key":"img_v3_only_via_container"}""", "om_forward");
        feishu.Emulator.AddMessageResource("om_forward", "img_v3_only_via_container", FeishuResourceType.Image, FeishuEmulatorContent.Generated(16), "image/png");

        FeishuResourceNotFoundException viaSubMessage = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(
            () => feishu.Client.DownloadMessageResourceAsync("om_sub", "img_v3_only_via_container", FeishuResourceType.Image));
        FeishuInvalidRequestException wrongType = await Assert.ThrowsAsync<FeishuInvalidRequestException>(
            () => feishu.Client.DownloadMessageResourceAsync("om_forward", "img_v3_only_via_container", FeishuResourceType.File));

        Assert.Equal(234003, viaSubMessage.Code);
        Assert.Equal(234001, wrongType.Code);
    }

    [Fact]
    public async Task A_refused_resource_is_reported_with_its_exception_and_the_rest_are_saved()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddMessage("om_post", "post", """{"title":"t","content":[[{"tag":"img","image_key":"img_v3_missing"}],[{"tag":"img","image_key":"img_v3_there"}]]}""");
        feishu.Emulator.AddMessageResource("om_post", "img_v3_there", FeishuResourceType.Image, FeishuEmulatorContent.Generated(16), "image/png");

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_post", _folder);

        Assert.Equal(234003, Assert.IsType<FeishuResourceNotFoundException>(results[0].Exception).Code);
        Assert.True(File.Exists(results[1].Path));
    }

    [Fact]
    public async Task Reading_a_deleted_message_or_one_in_a_chat_without_the_bot_throws_its_typed_exception()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddMessage("om_deleted", "image", """{"image_key":"img_v3_gone"}""");
        feishu.Emulator.AddMessage("om_elsewhere", "image", """{"image_key":"img_v3_elsewhere"}""");
        feishu.Emulator.DeleteMessage("om_deleted");
        feishu.Emulator.Faults.FailWith(230002, "om_elsewhere");

        FeishuResourceNotFoundException deleted = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => feishu.Client.GetMessageResourcesAsync("om_deleted"));
        FeishuPermissionDeniedException notInChat = await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_elsewhere", _folder));
        FeishuInvalidRequestException unknown = await Assert.ThrowsAsync<FeishuInvalidRequestException>(() => feishu.Client.GetMessageResourcesAsync("om_never_sent"));

        Assert.Equal(230110, deleted.Code);
        Assert.Equal(230002, notInChat.Code);
        Assert.Equal(230001, unknown.Code);
        Assert.NotNull(deleted.LogId);
    }

    [Fact]
    public async Task The_get_message_api_has_its_own_quota_on_the_emulator()
    {
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(
            new FeishuEmulatorOptions { TimeProvider = frozen, RequestsPerSecond = 1 },
            sdk =>
            {
                sdk.RateLimit.Enabled = false;
                sdk.Retry.MaxRateLimitRetryAttempts = 0;
            });
        feishu.Emulator.AddMessage("om_q", "image", """{"image_key":"img_v3_q"}""");
        feishu.Emulator.AddMessageResource("om_q", "img_v3_q", FeishuResourceType.Image, FeishuEmulatorContent.Generated(8), "image/png");

        FeishuMessageResource image = Assert.Single(await feishu.Client.GetMessageResourcesAsync("om_q"));
        await using (FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(image.DownloadMessageId!, image.Key, image.Type!.Value))
        {
            Assert.Equal(8, download.ContentLength);
        }

        FeishuRateLimitedException limited = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.GetMessageResourcesAsync("om_q"));
        Assert.Equal(99991400, limited.Code);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static Dictionary<string, byte[]> SeedAll(FeishuEmulator emulator, Seed[] seeds)
    {
        var hashes = new Dictionary<string, byte[]>();
        for (int i = 0; i < seeds.Length; i++)
        {
            Seed seed = seeds[i];
            FeishuEmulatorContent content = FeishuEmulatorContent.Generated(1000 + (i * 4099), seed: i + 1);
            emulator.AddMessageResource(seed.MessageId, seed.Key, seed.Type, content, seed.ContentType, seed.HeaderName);
            using Stream bytes = content.OpenRead();
            hashes[seed.Key] = SHA256.HashData(bytes);
        }

        return hashes;
    }

    private void AssertSaved(IReadOnlyList<FeishuMessageResourceResult> results, Seed[] seeds, Dictionary<string, byte[]> hashes)
    {
        Assert.Equal(seeds.Select(s => s.Key), results.Select(r => r.Resource.Key));
        foreach ((FeishuMessageResourceResult result, Seed seed) in results.Zip(seeds))
        {
            Assert.True(result.Succeeded, result.Exception?.ToString());
            Assert.Equal(Path.Combine(_folder, seed.SavedName), result.Path);
            Assert.Equal(seed.MessageId, result.Resource.DownloadMessageId);
            Assert.Equal(seed.Type, result.Resource.Type);
            Assert.Equal(hashes[seed.Key], SHA256.HashData(File.ReadAllBytes(result.Path!)));
        }
    }
}
