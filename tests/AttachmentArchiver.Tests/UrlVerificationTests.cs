using System.Net;
using System.Text.Json;
using AttachmentArchiver.Tests.TestSupport;

namespace AttachmentArchiver.Tests;

/// <summary>Saving the request URL in the console: the challenge is echoed after its token is checked.</summary>
public sealed class UrlVerificationTests
{
    [Fact]
    public async Task A_plaintext_challenge_is_answered_with_its_value_as_json()
    {
        await using var app = new ArchiverApp(encryptKey: null);

        using HttpResponseMessage response = await app.PushAsync(FeishuPlatform.Challenge(ArchiverApp.Token, "challenge-plain-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("challenge-plain-1", await ChallengeOf(response));
    }

    [Fact]
    public async Task An_encrypted_challenge_is_answered_without_a_signature()
    {
        await using var app = new ArchiverApp();
        string body = FeishuPlatform.Encrypt(FeishuPlatform.Challenge(ArchiverApp.Token, "challenge-encrypted-2"), ArchiverApp.Key);

        // As the official Go SDK: the challenge is not signature-checked, so it is sent here without the headers.
        using HttpResponseMessage response = await app.SendAsync(FeishuPlatform.Post(body, encryptKey: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("challenge-encrypted-2", await ChallengeOf(response));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_challenge_with_the_wrong_token_is_refused_and_not_echoed(bool encrypted)
    {
        await using var app = new ArchiverApp(encrypted ? ArchiverApp.Key : null);

        using HttpResponseMessage response = await app.PushAsync(FeishuPlatform.Challenge("not-the-token", "challenge-forged-3"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("challenge-forged-3", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string?> ChallengeOf(HttpResponseMessage response)
    {
        using JsonDocument answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("challenge").GetString();
    }
}
