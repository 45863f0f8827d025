using System.Net.Http;

namespace FeishuResources.Http;

/// <summary>
/// What the handlers need to know about one download request, carried on the request message
/// itself so it survives replays and retries.
/// </summary>
internal sealed class FeishuRequestContext
{
    private const string Key = "FeishuResources.RequestContext";

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

    public static FeishuRequestContext? Get(HttpRequestMessage request)
    {
#if NET5_0_OR_GREATER
        return request.Options.TryGetValue(new HttpRequestOptionsKey<FeishuRequestContext>(Key), out FeishuRequestContext? context) ? context : null;
#else
        return request.Properties.TryGetValue(Key, out object? context) ? context as FeishuRequestContext : null;
#endif
    }

    public void AttachTo(HttpRequestMessage request)
    {
#if NET5_0_OR_GREATER
        request.Options.Set(new HttpRequestOptionsKey<FeishuRequestContext>(Key), this);
#else
        request.Properties[Key] = this;
#endif
    }
}
