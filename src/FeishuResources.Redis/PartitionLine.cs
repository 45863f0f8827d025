using System;
using System.Threading;

namespace FeishuResources.Redis;

/// <summary>
/// One partition's callers on this replica. They take turns, in arrival order, so only one of them at a time asks
/// Redis for a place: a replica with a hundred callers waiting competes for a freed place like a replica with one.
/// </summary>
internal sealed class PartitionLine
{
    public PartitionLine(QuotaKeys keys, TimeProvider clock)
    {
        Keys = keys;
        Local = new LocalPlaces(clock);
    }

    public QuotaKeys Keys { get; }

    /// <summary>The turn; its asynchronous waiters are released first come, first served.</summary>
    public SemaphoreSlim Turn { get; } = new(1, 1);

    public LocalPlaces Local { get; }
}
