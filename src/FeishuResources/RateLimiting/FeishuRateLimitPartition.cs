using System;

namespace FeishuResources;

/// <summary>One rate-limit quota: an app on one download API.</summary>
public readonly struct FeishuRateLimitPartition : IEquatable<FeishuRateLimitPartition>
{
    /// <summary>Creates a partition.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="api">The download API.</param>
    public FeishuRateLimitPartition(string appId, FeishuApi api)
    {
        AppId = appId ?? throw new ArgumentNullException(nameof(appId));
        Api = api;
    }

    /// <summary>The app id.</summary>
    public string AppId { get; }

    /// <summary>The download API.</summary>
    public FeishuApi Api { get; }

    /// <inheritdoc />
    public bool Equals(FeishuRateLimitPartition other) => string.Equals(AppId, other.AppId, StringComparison.Ordinal) && Api == other.Api;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FeishuRateLimitPartition other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (StringComparer.Ordinal.GetHashCode(AppId ?? string.Empty) * 397) ^ (int)Api;

    /// <inheritdoc />
    public override string ToString() => $"{AppId}/{Api}";
}
