using System.Net;
using AttachmentArchiver.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace AttachmentArchiver.Tests;

/// <summary>Without an Encrypt Key the platform sends plain JSON, unsigned: the Verification Token is the only check.</summary>
public sealed class PlaintextModeTests
{
    [Fact]
    public async Task Without_an_Encrypt_Key_an_unsigned_push_with_the_right_token_is_archived()
    {
        await using var app = new ArchiverApp(encryptKey: null);

        using HttpResponseMessage response = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("om_plain", (await app.Archiver.NextArchivedAsync()).MessageId);
    }

    [Fact]
    public async Task Without_an_Encrypt_Key_a_push_with_the_wrong_token_is_refused_and_nothing_is_queued()
    {
        await using var app = new ArchiverApp(encryptKey: null);

        await app.AssertRefusedAsync(app.PlatformRequest(FeishuPlatform.MessageEvent("not-the-token", "om_plain_forged")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_encrypted_push_without_a_configured_Encrypt_Key_is_refused_and_the_operator_told_why()
    {
        await using var app = new ArchiverApp(encryptKey: null);
        string body = FeishuPlatform.Encrypt(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_needs_key"), ArchiverApp.Key);

        using HttpResponseMessage response = await app.SendAsync(FeishuPlatform.Post(body, ArchiverApp.Key));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(app.Logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Message.Contains("Archiver:EncryptKey is not set", StringComparison.Ordinal));
    }
}
