using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.RateLimiting;

namespace FeishuResources.RateLimiting;

/// <summary>The lease of an attempt that pays no permit: always acquired, holding nothing (so one instance serves all).</summary>
internal sealed class NoPermitNeeded : RateLimitLease
{
    public static readonly NoPermitNeeded Lease = new();

    private NoPermitNeeded()
    {
    }

    public override bool IsAcquired => true;

    public override IEnumerable<string> MetadataNames => Enumerable.Empty<string>();

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing is held: the shared instance stays usable after any number of disposals.
    }
}
