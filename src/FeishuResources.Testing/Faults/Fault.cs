using System;

namespace FeishuResources.Testing.Faults;

/// <summary>
/// One registered fault: which requests it hits (a resource key, or all), how many more times, and the
/// parameters of its kind.
/// </summary>
internal sealed class Fault
{
    private int _remaining;

    public Fault(FaultKind kind, string? resourceKey, int? times)
    {
        Kind = kind;
        ResourceKey = resourceKey;
        _remaining = times ?? -1;
    }

    public FaultKind Kind { get; }

    /// <summary>The resource key it applies to; null for every download request.</summary>
    public string? ResourceKey { get; }

    public int Code { get; init; }

    public int? Status { get; init; }

    public string? Message { get; init; }

    public TimeSpan Delay { get; init; }

    public long Bytes { get; init; }

    public int ChunkSize { get; init; }

    public bool IsSpent => _remaining == 0;

    public bool Matches(FaultKind kind, string? resourceKey)
        => Kind == kind && (ResourceKey is null || string.Equals(ResourceKey, resourceKey, StringComparison.Ordinal));

    /// <summary>Uses up one application; false once the fault is spent. Callers hold the registry's lock.</summary>
    public bool TryConsume()
    {
        if (_remaining == 0)
        {
            return false;
        }

        if (_remaining > 0)
        {
            _remaining--;
        }

        return true;
    }
}
