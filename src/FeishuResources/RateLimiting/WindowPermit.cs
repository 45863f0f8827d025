using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;

namespace FeishuResources.RateLimiting;

/// <summary>A granted place in a <see cref="StrictWindowRateLimiter"/>'s windows; disposing it marks the request finished.</summary>
internal sealed class WindowPermit : RateLimitLease
{
    private readonly long _sequence;
    private StrictWindowRateLimiter? _owner;

    public WindowPermit(StrictWindowRateLimiter owner, long sequence)
    {
        _owner = owner;
        _sequence = sequence;
    }

    public override bool IsAcquired => true;

    public override IEnumerable<string> MetadataNames => Array.Empty<string>();

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        Interlocked.Exchange(ref _owner, null)?.Complete(_sequence);
    }
}
