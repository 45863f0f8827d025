using System;
using System.Collections.Generic;
using System.Threading.RateLimiting;

namespace FeishuResources.RateLimiting;

/// <summary>A refusal that may say when to retry, or the empty grant of a zero-permit request: nothing to give back.</summary>
internal sealed class PlainLease : RateLimitLease
{
    /// <summary>The grant of zero permits.</summary>
    public static readonly RateLimitLease EmptyGrant = new PlainLease(null, acquired: true);

    /// <summary>A refusal that cannot name a wait: the deciding request is still in flight.</summary>
    public static readonly RateLimitLease NoPermit = new PlainLease(null);

    private readonly TimeSpan? _retryAfter;

    public PlainLease(TimeSpan? retryAfter, bool acquired = false)
    {
        _retryAfter = retryAfter;
        IsAcquired = acquired;
    }

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? Array.Empty<string>() : new[] { MetadataName.RetryAfter.Name };

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is not null && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = _retryAfter.Value;
            return true;
        }

        metadata = null;
        return false;
    }
}
