using System.Net;
using System.Text;
using AttachmentArchiver.Tests.TestSupport;

namespace AttachmentArchiver.Tests;

/// <summary>Bodies that are too large or not a push are refused before anything is queued.</summary>
public sealed class RequestBodyTests
{
    private const int Limit = 4096;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_is_refused_with_413(bool declaresLength)
    {
        await using var app = new ArchiverApp(encryptKey: null, new Dictionary<string, string> { ["Archiver:MaxBodyBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        string content = "{\"text\":\"" + new string('x', Limit) + "\"}";
        byte[] body = Encoding.UTF8.GetBytes(FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_huge", "text", content));
        HttpRequestMessage request = FeishuPlatform.Post(body, encryptKey: null);
        if (!declaresLength)
        {
            // A stream of unknown length goes out chunked: the limit must hold while reading, not only on the header.
            request.Content = new StreamContent(new UnknownLengthStream(body));
        }

        await app.AssertRefusedAsync(request, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{}")]
    [InlineData("{\"schema\":\"2.0\",\"header\":{\"event_type\":\"im.message.receive_v1\",\"token\":\"" + ArchiverApp.Token + "\"},\"event\":{\"message\":{\"message_type\":\"file\"}}}")]
    [InlineData("{\"schema\":\"2.0\",\"header\":{\"event_type\":\"im.message.receive_v1\",\"token\":\"" + ArchiverApp.Token + "\"},\"event\":{\"message\":{\"message_id\":7}}}")]
    [InlineData("{\"type\":\"url_verification\",\"token\":\"" + ArchiverApp.Token + "\"}")]
    public async Task A_body_that_is_not_a_push_is_refused_with_400(string body)
    {
        await using var app = new ArchiverApp(encryptKey: null);

        await app.AssertRefusedAsync(FeishuPlatform.Post(body, encryptKey: null), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{\"encrypt\":\"not base64!\"}")]
    [InlineData("{\"encrypt\":\"AAAA\"}")]
    [InlineData("{\"encrypt\":\"\"}")]
    public async Task An_encrypt_field_that_cannot_be_decrypted_is_refused_with_400(string body)
    {
        await using var app = new ArchiverApp();

        await app.AssertRefusedAsync(FeishuPlatform.Post(body, ArchiverApp.Key), HttpStatusCode.BadRequest);
    }

    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
