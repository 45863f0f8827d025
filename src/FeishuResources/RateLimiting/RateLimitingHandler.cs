using System;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Errors;
using FeishuResources.Http;
using FeishuResources.Resilience;
using Microsoft.Extensions.Logging;

namespace FeishuResources.RateLimiting;

/// <summary>
/// Takes one permit from the container's <see cref="IFeishuQuota"/> for every attempt — first tries, token replays and
/// retries alike, so nothing bypasses the quota. When the server still answers 429, it pauses the
/// limiter for the wait the server named, holding back every caller of that quota.
/// </summary>
internal sealed class RateLimitingHandler : DelegatingHandler
{
    private readonly FeishuResourcesOptions _options;
    private readonly IFeishuQuota _quota;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public RateLimitingHandler(FeishuResourcesOptions options, IFeishuQuota quota, TimeProvider timeProvider, ILogger<RateLimitingHandler> logger)
    {
        _options = options;
        _quota = quota;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Without a limiter nothing happens after the send: pass it through without a state machine.
        FeishuRequestContext? context = FeishuRequestContext.Get(request);
        return !_options.RateLimit.Enabled || context is null ? base.SendAsync(request, cancellationToken) : SendWithPermitAsync(request, context, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithPermitAsync(HttpRequestMessage request, FeishuRequestContext context, CancellationToken cancellationToken)
    {
        // A self-built app acts for its own tenant whatever key a call passes: keying on it would multiply the quota.
        string? tenantKey = _options.AppType == FeishuAppType.Store ? context.TenantKey : null;
        var partition = new FeishuRateLimitPartition(_options.AppId, context.Api, tenantKey);
        long waitStarted = _timeProvider.GetTimestamp();
        ValueTask<RateLimitLease> acquiring = _quota.AcquireAsync(partition, _options.RateLimit, cancellationToken);
        bool queued = !acquiring.IsCompleted;
        using RateLimitLease lease = await acquiring.ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter);
            throw FeishuExceptionFactory.CreateClientSideRejection(partition.ToString(), retryAfter == default ? null : retryAfter);
        }

        TimeSpan waited = queued ? _timeProvider.GetElapsedTime(waitStarted) : TimeSpan.Zero;
        if (queued)
        {
            Log.RateLimiterWaited(_logger, partition.AppId, partition.Api, waited.TotalMilliseconds);
        }

        FeishuTelemetry.RateLimitWaited(partition, waited);

        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FeishuRateLimitedException limited)
        {
            TimeSpan pause = QuotaPause.For(limited.RetryAfter, _options.Retry);
            _quota.Pause(partition, pause);
            Log.ServerRateLimited(_logger, partition.AppId, partition.Api, pause.TotalMilliseconds, limited.LogId);
            throw;
        }
    }
}
