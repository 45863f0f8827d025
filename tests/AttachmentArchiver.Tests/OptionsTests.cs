using System.Net;
using AttachmentArchiver.Tests.TestSupport;
using FeishuResources.AspNetCore.Tests.TestSupport;
using FeishuResources.Samples.AttachmentArchiver;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
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
        // The registration Program.cs makes, started directly: WebApplicationFactory reports a failed start as an
        // ObjectDisposedException or as the failure itself, depending on timing.
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feishu:AppId"] = "cli_archiver_test",
            ["Feishu:AppSecret"] = "app-secret-not-used-3f8e",
            ["Archiver:VerificationToken"] = ArchiverApp.Token,
            ["Archiver:ArchiveDirectory"] = "archive",
            [key] = value,
        });
        builder.Services.AddAttachmentArchiver(builder.Configuration);
        await using WebApplication app = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

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
        await app.AssertNextArchivedIsAsync("om_secret_5");

        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.NotEmpty(app.Logs.GetSnapshot());
        Assert.DoesNotContain(app.Logs.GetSnapshot(), e => e.FullText().Contains(ArchiverApp.Token, StringComparison.Ordinal) || e.FullText().Contains(ArchiverApp.Key, StringComparison.Ordinal));
    }
}
