using System.Text.Json.Serialization;

namespace FeishuResources.Internal;

/// <summary>The envelope every platform error and token response shares.</summary>
internal sealed class PlatformResponse
{
    [JsonPropertyName("code")]
    public int? Code { get; set; }

    [JsonPropertyName("msg")]
    public string? Msg { get; set; }

    [JsonPropertyName("error")]
    public PlatformErrorDetail? Error { get; set; }

    [JsonPropertyName("tenant_access_token")]
    public string? TenantAccessToken { get; set; }

    [JsonPropertyName("app_access_token")]
    public string? AppAccessToken { get; set; }

    /// <summary>Seconds; a double, so that <c>3e11</c> or a number past a long is read (and clamped) instead of failing the whole answer.</summary>
    [JsonPropertyName("expire")]
    public double? Expire { get; set; }
}

internal sealed class PlatformErrorDetail
{
    [JsonPropertyName("log_id")]
    public string? LogId { get; set; }

    [JsonPropertyName("troubleshooter")]
    public string? Troubleshooter { get; set; }
}

internal sealed class AppCredentialsBody
{
    [JsonPropertyName("app_id")]
    public string AppId { get; set; } = "";

    [JsonPropertyName("app_secret")]
    public string AppSecret { get; set; } = "";
}

internal sealed class StoreAppTokenRequest
{
    [JsonPropertyName("app_id")]
    public string AppId { get; set; } = "";

    [JsonPropertyName("app_secret")]
    public string AppSecret { get; set; } = "";

    [JsonPropertyName("app_ticket")]
    public string AppTicket { get; set; } = "";
}

internal sealed class StoreTenantTokenRequest
{
    [JsonPropertyName("app_access_token")]
    public string AppAccessToken { get; set; } = "";

    [JsonPropertyName("tenant_key")]
    public string TenantKey { get; set; } = "";
}
