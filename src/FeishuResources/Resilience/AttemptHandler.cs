using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Errors;
using FeishuResources.Http;
using FeishuResources.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace FeishuResources.Resilience;

/// <summary>
/// Runs one attempt — a first try, a retry or a token replay alike — through the <see cref="AttemptPipeline"/>:
/// it pays a permit of its (app, API, tenant) quota and is bounded by the attempt timeout. When the server
/// still answers 429, it pauses that quota, holding back every caller of it.
/// </summary>
internal sealed class AttemptHandler : DelegatingHandler
{
    private readonly AttemptPipeline _pipeline;
    private readonly IFeishuQuota _quota;
    private readonly ILogger _logger;

    public AttemptHandler(AttemptPipeline pipeline, IFeishuQuota quota, ILogger<AttemptHandler> logger)
    {
        _pipeline = pipeline;
        _quota = quota;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        FeishuRequestContext? download = FeishuRequestContext.Get(request);
        FeishuRateLimitPartition? partition = PartitionOf(download);
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        if (partition is { } paying)
        {
            context.Properties.Set(QuotaPermits.Partition, paying);
        }

        try
        {
            return await _pipeline.Pipeline.ExecuteAsync(
                static (attempt, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendPermittedAsync(state.Request, state.Partition, attempt.CancellationToken)),
                context,
                (Handler: this, Request: request, Partition: partition)).ConfigureAwait(false);
        }
        catch (RateLimiterRejectedException refused)
        {
            // Only a limiter from FeishuRateLimitOptions.LimiterFactory refuses; reported like the server's own limit.
            TimeSpan? retryAfter = refused.RetryAfter > TimeSpan.Zero ? refused.RetryAfter : null;
            throw FeishuExceptionFactory.CreateClientSideRejection(partition?.ToString() ?? "the request", retryAfter);
        }
        catch (TimeoutRejectedException ex)
        {
            string what = download is null ? "the request" : "the download of '" + download.ResourceKey + "'";
            throw new TimeoutException(
                string.Format(CultureInfo.InvariantCulture, "No response headers for {0} within {1:0.###} s (FeishuTimeoutOptions.AttemptTimeout).", what, _pipeline.AttemptTimeout.TotalSeconds),
                ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The quota an SDK request pays from; null when the limiter is off or the request is not the SDK's.</summary>
    private FeishuRateLimitPartition? PartitionOf(FeishuRequestContext? download)
    {
        FeishuResourcesOptions options = _pipeline.Options;
        if (!options.RateLimit.Enabled || download is null)
        {
            return null;
        }

        // A self-built app acts for its own tenant whatever key a call passes: keying on it would multiply the quota.
        string? tenantKey = options.AppType == FeishuAppType.Store ? download.TenantKey : null;
        return new FeishuRateLimitPartition(options.AppId, download.Api, tenantKey);
    }

    private async Task<HttpResponseMessage> SendPermittedAsync(HttpRequestMessage request, FeishuRateLimitPartition? partition, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FeishuRateLimitedException limited) when (partition is { } paid)
        {
            TimeSpan pause = QuotaPause.For(limited.RetryAfter, _pipeline.Options.Retry);
            _quota.Pause(paid, pause);
            Log.ServerRateLimited(_logger, paid.AppId, paid.Api, pause.TotalMilliseconds, limited.LogId);
            throw;
        }
    }
}
