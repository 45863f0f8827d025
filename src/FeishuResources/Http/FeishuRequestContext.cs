using System.Net.Http;

namespace FeishuResources.Http;

/// <summary>
/// What the handlers need to know about one download request, carried on the request message
/// itself (a <see cref="FeishuRequestMessage"/>) so it survives replays and retries.
/// </summary>
internal sealed class FeishuRequestContext
{
    public FeishuRequestContext(FeishuApi api, string resourceKey, FeishuRequestOptions? options)
    {
        Api = api;
        ResourceKey = resourceKey;
        TenantKey = string.IsNullOrWhiteSpace(options?.TenantKey) ? null : options!.TenantKey;
        AccessTokenOverride = string.IsNullOrWhiteSpace(options?.AccessToken) ? null : options!.AccessToken;
    }

    public FeishuApi Api { get; }

    public string ResourceKey { get; }

    public string? TenantKey { get; }

    public string? AccessTokenOverride { get; }

    /// <summary>The context of a request built by <see cref="FeishuRequestFactory"/>; null for any other request.</summary>
    public static FeishuRequestContext? Get(HttpRequestMessage request) => (request as FeishuRequestMessage)?.Context;
}
