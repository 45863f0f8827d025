using System.Globalization;
using System.Text.Json;

namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>A push from Feishu, parsed: a URL verification, a received message, or another event.</summary>
public sealed class FeishuCallback
{
    private const string MessageReceiveEvent = "im.message.receive_v1";

    private FeishuCallback(FeishuCallbackKind kind, string? token)
    {
        Kind = kind;
        Token = token;
    }

    /// <summary>What the push asks.</summary>
    public FeishuCallbackKind Kind { get; }

    /// <summary>The Verification Token it carries (<c>header.token</c>, or the top-level <c>token</c> of a URL verification), if any.</summary>
    public string? Token { get; }

    /// <summary>The challenge to echo, for <see cref="FeishuCallbackKind.UrlVerification"/>.</summary>
    public string? Challenge { get; private init; }

    /// <summary>The message, for <see cref="FeishuCallbackKind.MessageReceived"/>.</summary>
    public ReceivedMessage? Message { get; private init; }

    /// <summary>Parses the JSON of a push (after decryption, when it was encrypted).</summary>
    /// <param name="json">The push's JSON.</param>
    /// <returns>The callback, or null when the JSON is not one the platform sends (malformed input from the network).</returns>
    public static FeishuCallback? TryParse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FeishuCallback? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (String(root, "type") == "url_verification")
        {
            return String(root, "challenge") is { } challenge
                ? new FeishuCallback(FeishuCallbackKind.UrlVerification, String(root, "token")) { Challenge = challenge }
                : null;
        }

        // Schema 2.0 carries the token and type in "header"; 1.0 events (other subscriptions) at the top and in "event".
        JsonElement header = Object(root, "header");
        string? token = String(header, "token") ?? String(root, "token");
        string? eventType = String(header, "event_type") ?? String(Object(root, "event"), "type");
        if (eventType != MessageReceiveEvent)
        {
            return eventType is null ? null : new FeishuCallback(FeishuCallbackKind.OtherEvent, token);
        }

        ReceivedMessage? message = ReadMessage(Object(Object(root, "event"), "message"));
        return message is null ? null : new FeishuCallback(FeishuCallbackKind.MessageReceived, token) { Message = message };
    }

    private static ReceivedMessage? ReadMessage(JsonElement message)
    {
        string? id = String(message, "message_id");
        string? type = String(message, "message_type");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type))
        {
            return null;
        }

        DateTimeOffset? created = long.TryParse(String(message, "create_time"), NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds)
            && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
        return new ReceivedMessage(id, type, String(message, "content") ?? string.Empty, String(message, "chat_id"), created);
    }

    private static JsonElement Object(JsonElement parent, string name)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? value : default;

    private static string? String(JsonElement parent, string name)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
