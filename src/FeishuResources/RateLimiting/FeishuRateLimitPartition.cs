using System;

namespace FeishuResources;

/// <summary>
/// One rate-limit quota: an app on one download API, for one tenant. A self-built app acts for its own
/// tenant (<see cref="TenantKey"/> is null); a store app has a separate quota per tenant it serves.
/// </summary>
public readonly struct FeishuRateLimitPartition : IEquatable<FeishuRateLimitPartition>
{
    /// <summary>Creates a partition.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="api">The download API.</param>
    /// <param name="tenantKey">The tenant a store app acts for; null for a self-built app's own tenant.</param>
    public FeishuRateLimitPartition(string appId, FeishuApi api, string? tenantKey = null)
    {
        AppId = appId ?? throw new ArgumentNullException(nameof(appId));
        Api = api;
        TenantKey = tenantKey;
    }

    /// <summary>The app id.</summary>
    public string AppId { get; }

    /// <summary>The download API.</summary>
    public FeishuApi Api { get; }

    /// <summary>The tenant a store app acts for; null for a self-built app's own tenant.</summary>
    public string? TenantKey { get; }

    /// <inheritdoc />
    public bool Equals(FeishuRateLimitPartition other)
        => string.Equals(AppId, other.AppId, StringComparison.Ordinal) && Api == other.Api && string.Equals(TenantKey, other.TenantKey, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FeishuRateLimitPartition other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
        => (((StringComparer.Ordinal.GetHashCode(AppId ?? string.Empty) * 397) ^ (int)Api) * 397) ^ StringComparer.Ordinal.GetHashCode(TenantKey ?? string.Empty);

    /// <inheritdoc />
    public override string ToString() => TenantKey is null ? $"{AppId}/{Api}" : $"{AppId}/{Api} (tenant {TenantKey})";
}
