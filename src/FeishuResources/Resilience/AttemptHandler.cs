using System;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
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
        FeishuRateLimitPartition? partition = PartitionOf(FeishuRequestContext.Get(request));
        ResilienceContext context = NewContext(partition, cancellationToken);
        try
        {
            // The outcome form: the callback's own state machine is the only one between Polly and the handler
            // below, where ExecuteAsync would add two (its bridge to an outcome and its own await).
            Outcome<HttpResponseMessage> outcome = await _pipeline.Pipeline.ExecuteOutcomeAsync(
                static (attempt, state) => state.Handler.SendPermittedAsync(state.Request, state.Partition, attempt.CancellationToken),
                context,
                (Handler: this, Request: request, Partition: partition)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        catch (Exception ex) when (ex is RateLimiterRejectedException or TimeoutRejectedException)
        {
            throw Explain(ex, request, partition);
        }
        finally
        {
            // Stryker disable once Statement : equivalent — the pool only saves an allocation; a context not returned is collected.
            ResilienceContextPool.Shared.Return(context);
        }
    }

#if NET
    /// <summary>
    /// The same pipeline run synchronously. A permit available at once is taken without blocking; a queued one is
    /// granted by the limiter's timer, which runs on the thread pool, so that wait blocks this thread until it fires.
    /// </summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        FeishuRateLimitPartition? partition = PartitionOf(FeishuRequestContext.Get(request));
        ResilienceContext context = NewContext(partition, cancellationToken);
        try
        {
            return _pipeline.Pipeline.Execute(
                static (attempt, state) => state.Handler.SendPermitted(state.Request, state.Partition, attempt.CancellationToken),
                context,
                (Handler: this, Request: request, Partition: partition));
        }
        catch (Exception ex) when (ex is RateLimiterRejectedException or TimeoutRejectedException)
        {
            throw Explain(ex, request, partition);
        }
        finally
        {
            // Stryker disable once Statement : equivalent — the pool only saves an allocation; a context not returned is collected.
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private HttpResponseMessage SendPermitted(HttpRequestMessage request, FeishuRateLimitPartition? partition, CancellationToken cancellationToken)
    {
        try
        {
            return base.Send(request, cancellationToken);
        }
        catch (FeishuRateLimitedException limited) when (partition is { } paid)
        {
            PauseQuota(paid, limited);
            throw;
        }
    }
#endif

    private static ResilienceContext NewContext(FeishuRateLimitPartition? partition, CancellationToken cancellationToken)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        if (partition is { } paying)
        {
            context.Properties.Set(QuotaPermits.Partition, paying);
        }

        return context;
    }

    /// <summary>What Polly's refusal or timeout means for the caller.</summary>
    private Exception Explain(Exception rejection, HttpRequestMessage request, FeishuRateLimitPartition? partition)
    {
        if (rejection is RateLimiterRejectedException refused)
        {
            // Only a limiter from FeishuRateLimitOptions.LimiterFactory refuses (so the request paid from a partition);
            // reported like the server's own limit.
            TimeSpan? retryAfter = refused.RetryAfter > TimeSpan.Zero ? refused.RetryAfter : null;
            return FeishuExceptionFactory.CreateClientSideRejection(partition.GetValueOrDefault().ToString(), retryAfter);
        }

        string what = FeishuRequestContext.Get(request) is { } download ? "the download of '" + download.ResourceKey + "'" : "the request";
        return new TimeoutException(
            string.Format(CultureInfo.InvariantCulture, "No response headers for {0} within {1:0.###} s (FeishuTimeoutOptions.AttemptTimeout).", what, _pipeline.AttemptTimeout.TotalSeconds),
            rejection);
    }

    /// <summary>The server still answered 429: hold back every caller of the quota, for at most MaxQuotaPause.</summary>
    private void PauseQuota(FeishuRateLimitPartition partition, FeishuRateLimitedException limited)
    {
        TimeSpan pause = QuotaPause.For(limited.RetryAfter, _pipeline.Options.Retry);
        _quota.Pause(partition, pause);
        Log.ServerRateLimited(_logger, partition.AppId, partition.Api, pause.TotalMilliseconds, limited.LogId);
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

    /// <summary>
    /// Sends the attempt while its permit is held; a 429 pauses the quota before the permit is given back, so no
    /// queued caller starts in between.
    /// </summary>
#if NET
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<Outcome<HttpResponseMessage>> SendPermittedAsync(HttpRequestMessage request, FeishuRateLimitPartition? partition, CancellationToken cancellationToken)
    {
        try
        {
            return Outcome.FromResult(await base.SendAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            if (ex is FeishuRateLimitedException limited && partition is { } paid)
            {
                PauseQuota(paid, limited);
            }

            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }
}
