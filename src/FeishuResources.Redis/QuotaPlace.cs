using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;

namespace FeishuResources.Redis;

/// <summary>
/// A granted place, in Redis or in the local share. Disposing it (the response headers arrived) anchors the place at
/// that moment: in Redis, and locally too when the local share granted it.
/// </summary>
internal sealed class QuotaPlace : RateLimitLease
{
    private readonly PartitionLine _line;
    private readonly string _member;
    private readonly LocalPlace? _local;
    private readonly RateLimitLease? _localLease;
    private RedisFeishuQuota? _owner;

    public QuotaPlace(RedisFeishuQuota owner, PartitionLine line, string member, LocalPlace? local = null, RateLimitLease? localLease = null)
    {
        _owner = owner;
        _line = line;
        _member = member;
        _local = local;
        _localLease = localLease;
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
        RedisFeishuQuota? owner = Interlocked.Exchange(ref _owner, null);
        if (owner is null)
        {
            return;
        }

        _localLease?.Dispose();
        if (_local is not null)
        {
            _line.Local.Anchor(_local);
        }

        owner.Anchor(_line.Keys, _member);
    }
}
