using System;

namespace FeishuResources.Testing.Hosting;

/// <summary>
/// Which API a request addresses and the ids in its path, read from the raw request target so that
/// percent-encoded ids (an escaped <c>/</c> in a key) come out exactly as the client meant them.
/// </summary>
internal sealed record RequestTarget(FeishuEmulatorApi Api, string? MessageId, string? ResourceKey)
{
    private const string AuthPrefix = "/open-apis/auth/v3/";

    public bool IsDownload => Api is FeishuEmulatorApi.Files or FeishuEmulatorApi.MessageResources;

    /// <summary>The GET APIs, which pass the gate (frequency limits, token, faults); the token endpoints are POSTs.</summary>
    public bool IsGet => IsDownload || Api is FeishuEmulatorApi.Messages or FeishuEmulatorApi.MessageList;

    public static RequestTarget Parse(string rawTarget)
    {
        int query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        string path = query < 0 ? rawTarget : rawTarget[..query];
        FeishuEmulatorApi auth = path switch
        {
            AuthPrefix + "tenant_access_token/internal" => FeishuEmulatorApi.TenantAccessTokenInternal,
            AuthPrefix + "app_access_token" => FeishuEmulatorApi.AppAccessToken,
            AuthPrefix + "tenant_access_token" => FeishuEmulatorApi.TenantAccessToken,
            AuthPrefix + "app_ticket/resend" => FeishuEmulatorApi.AppTicketResend,
            _ => FeishuEmulatorApi.Unknown,
        };
        if (auth != FeishuEmulatorApi.Unknown)
        {
            return new RequestTarget(auth, null, null);
        }

        if (path == "/open-apis/im/v1/messages")
        {
            // The container id stands in as the resource key, so faults aimed at a chat or thread hit its pages.
            string? container = query < 0 ? null : QueryValue(rawTarget[(query + 1)..], "container_id");
            return new RequestTarget(FeishuEmulatorApi.MessageList, null, container);
        }

        // "", "open-apis", "im", "v1", "files", key  |  …, "messages", id  |  …, "messages", id, "resources", key
        string[] segments = path.Split('/');
        bool underIm = segments.Length >= 6 && segments[1] == "open-apis" && segments[2] == "im" && segments[3] == "v1";
        if (underIm && segments.Length == 6 && segments[4] == "files" && segments[5].Length > 0)
        {
            return new RequestTarget(FeishuEmulatorApi.Files, null, Uri.UnescapeDataString(segments[5]));
        }

        if (underIm && segments.Length == 6 && segments[4] == "messages" && segments[5].Length > 0)
        {
            // The message id stands in as the resource key, so faults aimed at a message id hit its reads.
            string messageId = Uri.UnescapeDataString(segments[5]);
            return new RequestTarget(FeishuEmulatorApi.Messages, messageId, messageId);
        }

        if (underIm && segments.Length == 8 && segments[4] == "messages" && segments[6] == "resources" && segments[5].Length > 0 && segments[7].Length > 0)
        {
            return new RequestTarget(FeishuEmulatorApi.MessageResources, Uri.UnescapeDataString(segments[5]), Uri.UnescapeDataString(segments[7]));
        }

        return new RequestTarget(FeishuEmulatorApi.Unknown, null, null);
    }

    private static string? QueryValue(string query, string name)
    {
        foreach (string pair in query.Split('&'))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.AsSpan(0, equals).SequenceEqual(name))
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }
}
