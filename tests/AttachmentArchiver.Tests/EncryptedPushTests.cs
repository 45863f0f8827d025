using System.Net;
using System.Text;
using AttachmentArchiver.Tests.TestSupport;
using FeishuResources.Samples.AttachmentArchiver;

namespace AttachmentArchiver.Tests;

/// <summary>With an Encrypt Key: pushes arrive encrypted and signed; anything forged is refused and never queued.</summary>
public sealed class EncryptedPushTests
{
    [Fact]
    public async Task A_signed_encrypted_push_is_acknowledged_and_archived_once_though_pushed_twice()
    {
        await using var app = new ArchiverApp();
        string push = FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_once");

        using HttpResponseMessage first = await app.PushAsync(push);
        using HttpResponseMessage again = await app.PushAsync(push);
        using HttpResponseMessage next = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_next", "image", "{\"image_key\":\"img_v3_x\"}"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        ReceivedMessage archived = await app.Archiver.NextArchivedAsync();
        Assert.Equal(
            new ReceivedMessage("om_once", "file", "{\"file_key\":\"file_v3_report\",\"file_name\":\"季度报告 📈.pdf\"}", FeishuPlatform.ChatId, DateTimeOffset.FromUnixTimeMilliseconds(1722238025751)),
            archived);
        // One worker takes messages in order: had the duplicate been queued, it would come before om_next.
        Assert.Equal("om_next", (await app.Archiver.NextArchivedAsync()).MessageId);
    }

    [Fact]
    public async Task A_signature_in_uppercase_hex_is_accepted()
    {
        await using var app = new ArchiverApp();
        using HttpRequestMessage request = WithSignature(SignedPush("om_upper"), signature => signature.ToUpperInvariant());

        using HttpResponseMessage response = await app.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("om_upper", (await app.Archiver.NextArchivedAsync()).MessageId);
    }

    [Fact]
    public async Task A_forged_signature_is_refused_and_nothing_is_queued()
    {
        await using var app = new ArchiverApp();
        string forged = FeishuPlatform.Signature("1", "2", "a-guessed-key", Encoding.UTF8.GetBytes("{}"));

        await app.AssertRefusedAsync(WithSignature(SignedPush("om_forged"), _ => forged), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_signature_over_a_reserialized_body_is_refused()
    {
        await using var app = new ArchiverApp();
        HttpRequestMessage request = SignedPush("om_reserialized");
        string body = await request.Content!.ReadAsStringAsync();
        // The same JSON with other whitespace: the signature covers the bytes received, not the object they parse to.
        request.Content = new StringContent(body.Replace("{\"encrypt\":", "{ \"encrypt\": ", StringComparison.Ordinal), Encoding.UTF8, "application/json");

        await app.AssertRefusedAsync(request, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_signed_push_with_the_wrong_token_is_refused_and_nothing_is_queued()
    {
        await using var app = new ArchiverApp();

        await app.AssertRefusedAsync(app.PlatformRequest(FeishuPlatform.MessageEvent("not-the-token", "om_wrong_token")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_tampered_ciphertext_is_refused_and_nothing_is_queued()
    {
        await using var app = new ArchiverApp();
        HttpRequestMessage request = SignedPush("om_tampered");
        byte[] bytes = await request.Content!.ReadAsByteArrayAsync();
        // Change one base64 character in the middle of the ciphertext, keeping the platform's signature of the original.
        int middle = "{\"encrypt\":\"".Length + 40;
        bytes[middle] = (byte)(bytes[middle] == (byte)'A' ? 'B' : 'A');
        request.Content = new ByteArrayContent(bytes);

        // Unreadable after decryption (400) or, should it still parse, not what was signed (401): refused either way.
        await app.AssertRefusedAsync(request, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_push_encrypted_with_another_key_is_refused()
    {
        await using var app = new ArchiverApp();
        string body = FeishuPlatform.Encrypt(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_other_key"), "another-key");

        await app.AssertRefusedAsync(FeishuPlatform.Post(body, ArchiverApp.Key), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("X-Lark-Signature")]
    [InlineData("X-Lark-Request-Timestamp")]
    [InlineData("X-Lark-Request-Nonce")]
    public async Task A_push_missing_a_signature_header_is_refused_when_an_Encrypt_Key_is_set(string header)
    {
        await using var app = new ArchiverApp();
        HttpRequestMessage request = SignedPush("om_unsigned");
        request.Headers.Remove(header);

        await app.AssertRefusedAsync(request, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_event_type_is_acknowledged_and_not_archived()
    {
        await using var app = new ArchiverApp();

        using HttpResponseMessage response = await app.PushAsync(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_read", eventType: "im.message.message_read_v1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.AssertNextArchivedIsAsync("om_after_other_event");
    }

    private static HttpRequestMessage SignedPush(string messageId)
        => FeishuPlatform.Post(FeishuPlatform.Encrypt(FeishuPlatform.MessageEvent(ArchiverApp.Token, messageId), ArchiverApp.Key), ArchiverApp.Key);

    private static HttpRequestMessage WithSignature(HttpRequestMessage request, Func<string, string> change)
    {
        string signature = request.Headers.GetValues("X-Lark-Signature").Single();
        request.Headers.Remove("X-Lark-Signature");
        request.Headers.Add("X-Lark-Signature", change(signature));
        return request;
    }
}
