using System.Net;
using System.Security.Cryptography;
using AttachmentArchiver.Tests.TestSupport;
using FeishuResources;
using FeishuResources.AspNetCore.Tests.TestSupport;
using FeishuResources.Testing;
using Microsoft.Extensions.Logging;

namespace AttachmentArchiver.Tests;

/// <summary>The sample end to end: an encrypted, signed push in, the attachments on disk through the real SDK and an emulated Feishu.</summary>
public sealed class EndToEndArchiveTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "archiver-e2e-" + Guid.NewGuid().ToString("N"));
    private FeishuEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await FeishuEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_pushed_file_message_is_saved_under_its_chat_with_the_name_and_bytes_it_was_sent_with()
    {
        byte[] bytes = RandomNumberGenerator.GetBytes(300_000);
        const string Content = "{\"file_key\":\"file_v3_e2e\",\"file_name\":\"季度报告 📈.pdf\"}";
        _emulator.AddMessage("om_e2e_file", "file", Content);
        _emulator.AddMessageResource("om_e2e_file", "file_v3_e2e", FeishuResourceType.File, FeishuEmulatorContent.FromBytes(bytes), "application/pdf", "ignored-header-name.pdf");
        await using var app = new EmulatedArchiverApp(_emulator, _directory);

        using HttpResponseMessage pushed = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_e2e_file", "file", Content));
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.Equal("om_e2e_file", (await app.Archived.NextArchivedAsync()).MessageId);

        string saved = Path.Combine(_directory, FeishuPlatform.ChatId, "季度报告 📈.pdf");
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await File.ReadAllBytesAsync(saved)));
    }

    [Fact]
    public async Task A_post_with_two_images_saves_both_from_the_pushed_content_without_reading_the_message()
    {
        const string Content = "{\"title\":\"周报\",\"content\":[[{\"tag\":\"img\",\"image_key\":\"img_v3_one\"}],[{\"tag\":\"text\",\"text\":\"见图\"},{\"tag\":\"img\",\"image_key\":\"img_v3_two\"}]]}";
        byte[] one = RandomNumberGenerator.GetBytes(10_000);
        byte[] two = RandomNumberGenerator.GetBytes(20_000);
        _emulator.AddMessageResource("om_e2e_post", "img_v3_one", FeishuResourceType.Image, FeishuEmulatorContent.FromBytes(one), "image/png", null);
        _emulator.AddMessageResource("om_e2e_post", "img_v3_two", FeishuResourceType.Image, FeishuEmulatorContent.FromBytes(two), "image/jpeg", null);
        await using var app = new EmulatedArchiverApp(_emulator, _directory);

        using HttpResponseMessage pushed = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_e2e_post", "post", Content));
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.Equal("om_e2e_post", (await app.Archived.NextArchivedAsync()).MessageId);

        string chat = Path.Combine(_directory, FeishuPlatform.ChatId);
        Assert.Equal(SHA256.HashData(one), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(chat, "img_v3_one.png"))));
        Assert.Equal(SHA256.HashData(two), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(chat, "img_v3_two.jpg"))));
        Assert.Equal(0, _emulator.Traffic.CountRequests(FeishuEmulatorApi.Messages));
    }

    [Fact]
    public async Task An_attachment_the_platform_refuses_is_logged_with_its_code_while_the_others_of_the_message_are_saved()
    {
        const string Content = "{\"title\":\"\",\"content\":[[{\"tag\":\"img\",\"image_key\":\"img_v3_ok\"},{\"tag\":\"img\",\"image_key\":\"img_v3_gone\"}]]}";
        byte[] ok = RandomNumberGenerator.GetBytes(5_000);
        _emulator.AddMessageResource("om_e2e_partial", "img_v3_ok", FeishuResourceType.Image, FeishuEmulatorContent.FromBytes(ok), "image/png", null);
        await using var app = new EmulatedArchiverApp(_emulator, _directory);

        using HttpResponseMessage pushed = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_e2e_partial", "post", Content));
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.Equal("om_e2e_partial", (await app.Archived.NextStartedAsync()).MessageId);
        await WaitForAsync(() => app.Logs.GetSnapshot().Any(e => e.Level == LogLevel.Error && e.Message.Contains("om_e2e_partial", StringComparison.Ordinal)));

        Assert.Equal(SHA256.HashData(ok), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(_directory, FeishuPlatform.ChatId, "img_v3_ok.png"))));
        string error = app.Logs.GetSnapshot().Single(e => e.Level == LogLevel.Error && e.Message.Contains("om_e2e_partial", StringComparison.Ordinal)).FullText();
        Assert.Contains("234003", error, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "The condition did not hold within 10 s.");
    }
}
