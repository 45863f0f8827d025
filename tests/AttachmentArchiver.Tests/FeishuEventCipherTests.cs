using System.Text;
using System.Text.Json;
using AttachmentArchiver.Tests.TestSupport;
using FeishuResources.Samples.AttachmentArchiver;

namespace AttachmentArchiver.Tests;

/// <summary>The decryption Feishu documents, checked against its own test vector.</summary>
public sealed class FeishuEventCipherTests
{
    [Fact]
    public void The_documented_test_vector_decrypts_to_hello_world()
    {
        var cipher = new FeishuEventCipher("test key");

        Assert.True(cipher.TryDecrypt("P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=", out byte[] plaintext));
        Assert.Equal("hello world", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void What_the_test_platform_encrypts_decrypts_to_the_same_json()
    {
        string json = FeishuPlatform.MessageEvent(ArchiverApp.Token, "om_round_trip");
        using JsonDocument body = JsonDocument.Parse(FeishuPlatform.Encrypt(json, "round trip key"));

        Assert.True(new FeishuEventCipher("round trip key").TryDecrypt(body.RootElement.GetProperty("encrypt").GetString()!, out byte[] plaintext));
        Assert.Equal(json, Encoding.UTF8.GetString(plaintext));
    }
}
