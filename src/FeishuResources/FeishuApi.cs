namespace FeishuResources;

/// <summary>
/// The platform APIs the SDK calls. Each has its own rate-limit quota per app: 50 requests per second and 1000 per minute.
/// </summary>
public enum FeishuApi
{
    /// <summary><c>GET /open-apis/im/v1/files/{file_key}</c>.</summary>
    Files,

    /// <summary><c>GET /open-apis/im/v1/messages/{message_id}/resources/{file_key}</c>.</summary>
    MessageResources,

    /// <summary><c>GET /open-apis/im/v1/messages/{message_id}</c>: reading a message, to find its resources.</summary>
    Messages,

    /// <summary><c>GET /open-apis/im/v1/messages</c>: listing the messages of a chat or a thread, page by page.</summary>
    MessageList,
}
