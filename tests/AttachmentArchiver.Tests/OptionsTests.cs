using System.Net;
using AttachmentArchiver.Tests.TestSupport;
using FeishuResources.AspNetCore.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace AttachmentArchiver.Tests;

/// <summary>The settings are checked when the app starts, and the secrets in them never reach a log.</summary>
public sealed class OptionsTests
{
    [Theory]
    [InlineData("Archiver:VerificationToken", "", "VerificationToken")]
    [InlineData("Archiver:ArchiveDirectory", " ", "ArchiveDirectory")]
    [InlineData("Archiver:QueueCapacity", "0", "QueueCapacity")]
    [InlineData("Archiver:MaxBodyBytes", "10", "MaxBodyBytes")]
    public async Task Starting_with_an_invalid_setting_fails_and_names_it(string key, string value, string named)
    {
        await using var app = new ArchiverApp(overrides: new Dictionary<string, string> { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_the_token_nor_the_Encrypt_Key_is_ever_logged()
    {
        await using var app = new ArchiverApp();
        app.Archiver.Behaviour = (message, _) => message.MessageId == "om_secret_2" ? throw new InvalidOperationException("archiving failed") : Task.CompletedTask;

        using HttpResponseMessage accepted = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_secret_1"));
        using HttpResponseMessage failing = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_secret_2"));
        using HttpResponseMessage wrongToken = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token + "x", "om_secret_3"));
        using HttpResponseMessage unsigned = await app.SendAsync(FeishuPlatform.Post(FeishuPlatform.Encrypt(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_secret_4"), ArchiverApp.Key), encryptKey: null));
        Assert.Equal("om_secret_1", (await app.Archiver.NextArchivedAsync()).MessageId);
        await EncryptedPushTests.AssertNextArchivedIs(app, "om_secret_5");

        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.NotEmpty(app.Logs.GetSnapshot());
        Assert.DoesNotContain(app.Logs.GetSnapshot(), e => e.FullText().Contains(ArchiverApp.Token, StringComparison.Ordinal) || e.FullText().Contains(ArchiverApp.Key, StringComparison.Ordinal));
    }
}
