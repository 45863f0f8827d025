using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace FeishuResources;

/// <summary>
/// The client-side rate-limit quota every download attempt pays a permit from, per
/// <see cref="FeishuRateLimitPartition"/> (app, API, tenant). The container's one instance serves every
/// client and every name in it; register your own (<c>services.AddSingleton&lt;IFeishuQuota&gt;(…)</c>) to
/// share one <see cref="FeishuQuota"/> between containers, or to keep the quota elsewhere (a shared store
/// for several processes).
/// </summary>
public interface IFeishuQuota
{
    /// <summary>Waits for one permit of <paramref name="partition"/>'s quota.</summary>
    /// <param name="partition">Whose quota.</param>
    /// <param name="limits">The app's limits (the same for every call of one app).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The lease: acquired, or refused with the wait it names as <see cref="MetadataName.RetryAfter"/>; dispose it after the attempt.</returns>
    ValueTask<RateLimitLease> AcquireAsync(FeishuRateLimitPartition partition, FeishuRateLimitOptions limits, CancellationToken cancellationToken);

    /// <summary>Holds back every caller of <paramref name="partition"/> for <paramref name="duration"/>: the platform answered 429.</summary>
    /// <param name="partition">Whose quota.</param>
    /// <param name="duration">How long nobody may start a request.</param>
    void Pause(FeishuRateLimitPartition partition, TimeSpan duration);
}
