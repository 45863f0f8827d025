using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AttachmentArchiver.Tests.TestSupport;

/// <summary>Builds pushes the way the Feishu platform does: schema 2.0 JSON, encrypted with a random IV, signed over the exact bytes sent.</summary>
public static class FeishuPlatform
{
    public const string ChatId = "oc_archiver_chat";
    public const string CreateTime = "1722238025751";

    /// <summary>An <c>im.message.receive_v1</c> push; <paramref name="content"/> becomes a JSON string inside the JSON, as on the platform.</summary>
    public static string MessageEvent(string token, string messageId, string messageType = "file", string? content = null, string eventType = "im.message.receive_v1")
    {
        var push = new JsonObject
        {
            ["schema"] = "2.0",
            ["header"] = new JsonObject
            {
                ["event_id"] = "ev_" + Guid.NewGuid().ToString("N"),
                ["event_type"] = eventType,
                ["create_time"] = CreateTime,
                ["token"] = token,
                ["app_id"] = "cli_archiver_test",
                ["tenant_key"] = "tenant_test",
            },
            ["event"] = new JsonObject
            {
                ["sender"] = new JsonObject { ["sender_id"] = new JsonObject { ["open_id"] = "ou_sender" }, ["sender_type"] = "user" },
                ["message"] = new JsonObject
                {
                    ["message_id"] = messageId,
                    ["create_time"] = CreateTime,
                    ["chat_id"] = ChatId,
                    ["chat_type"] = "group",
                    ["message_type"] = messageType,
                    ["content"] = content ?? "{\"file_key\":\"file_v3_report\",\"file_name\":\"季度报告 📈.pdf\"}",
                },
            },
        };
        return push.ToJsonString();
    }

    /// <summary>The URL-verification request sent when the request URL is saved in the console.</summary>
    public static string Challenge(string token, string challenge)
        => new JsonObject { ["challenge"] = challenge, ["token"] = token, ["type"] = "url_verification" }.ToJsonString();

    /// <summary><c>{"encrypt":"base64(IV ‖ AES-256-CBC(json))"}</c> with the SHA-256 of <paramref name="encryptKey"/> as the key and a random IV.</summary>
    public static string Encrypt(string json, string encryptKey)
    {
        using var aes = Aes.Create();
        aes.Key = SHA256.HashData(Encoding.UTF8.GetBytes(encryptKey));
        byte[] iv = RandomNumberGenerator.GetBytes(16);
        byte[] ciphertext = aes.EncryptCbc(Encoding.UTF8.GetBytes(json), iv, PaddingMode.PKCS7);
        return JsonSerializer.Serialize(new { encrypt = Convert.ToBase64String([.. iv, .. ciphertext]) });
    }

    /// <summary>A POST of <paramref name="body"/>, signed with <paramref name="encryptKey"/> when one is given (the platform signs only then).</summary>
    public static HttpRequestMessage Post(string body, string? encryptKey) => Post(Encoding.UTF8.GetBytes(body), encryptKey);

    public static HttpRequestMessage Post(byte[] body, string? encryptKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/feishu/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (encryptKey is not null)
        {
            string timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            string nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
            request.Headers.Add("X-Lark-Request-Timestamp", timestamp);
            request.Headers.Add("X-Lark-Request-Nonce", nonce);
            request.Headers.Add("X-Lark-Signature", Signature(timestamp, nonce, encryptKey, body));
        }

        return request;
    }

    /// <summary>Lowercase hex SHA-256 of timestamp + nonce + key + body, as the Go and Node SDKs compute it.</summary>
    public static string Signature(string timestamp, string nonce, string encryptKey, byte[] body)
        => Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(timestamp + nonce + encryptKey), .. body]));
}
