namespace FeishuResources.Testing;

/// <summary>The platform APIs the emulator serves, as counted by <see cref="FeishuEmulatorTraffic"/>.</summary>
public enum FeishuEmulatorApi
{
    /// <summary>A path the emulator does not serve (answered 404).</summary>
    Unknown,

    /// <summary><c>GET /open-apis/im/v1/files/{file_key}</c>.</summary>
    Files,

    /// <summary><c>GET /open-apis/im/v1/messages/{message_id}/resources/{file_key}</c>.</summary>
    MessageResources,

    /// <summary><c>POST /open-apis/auth/v3/tenant_access_token/internal</c> (self-built apps).</summary>
    TenantAccessTokenInternal,

    /// <summary><c>POST /open-apis/auth/v3/app_access_token</c> (store apps).</summary>
    AppAccessToken,

    /// <summary><c>POST /open-apis/auth/v3/tenant_access_token</c> (store apps).</summary>
    TenantAccessToken,

    /// <summary><c>POST /open-apis/auth/v3/app_ticket/resend</c> (store apps).</summary>
    AppTicketResend,

    /// <summary><c>GET /open-apis/im/v1/messages/{message_id}</c>: reading a message (and a merge-forward's sub-messages).</summary>
    Messages,

    /// <summary><c>GET /open-apis/im/v1/messages?container_id_type=…</c>: listing a chat's or thread's messages (its own quota).</summary>
    MessageList,
}
