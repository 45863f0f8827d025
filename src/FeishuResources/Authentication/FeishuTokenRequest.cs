namespace FeishuResources.Authentication;

/// <summary>What a download needs a token for.</summary>
public sealed class FeishuTokenRequest
{
    /// <summary>Creates a token request.</summary>
    /// <param name="tenantKey">The tenant to act for; <see langword="null"/> for a self-built app's own tenant.</param>
    /// <param name="rejectedToken">A token the platform has just refused, which must not be returned again.</param>
    public FeishuTokenRequest(string? tenantKey = null, string? rejectedToken = null)
    {
        TenantKey = tenantKey;
        RejectedToken = rejectedToken;
    }

    /// <summary>The tenant to act for; <see langword="null"/> for a self-built app's own tenant.</summary>
    public string? TenantKey { get; }

    /// <summary>A token the platform has just refused (invalid or expired), which must not be returned again.</summary>
    public string? RejectedToken { get; }

    /// <summary>Describes the request without any token value.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString()
        => $"FeishuTokenRequest {{ TenantKey = {TenantKey ?? "(app's own)"}, RejectedToken = {(RejectedToken is null ? "none" : "(redacted)")} }}";
}
