using System;
using System.Net.Http;
using System.Threading;
using FeishuResources.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;

namespace FeishuResources.Resilience;

/// <summary>
/// The Polly pipeline around one attempt, outer to inner: a permit of the quota (Polly's rate limiter
/// strategy over <see cref="IFeishuQuota"/>, so Polly is what keeps the app under its limits), then the
/// attempt timeout (<see cref="FeishuTimeoutOptions.AttemptTimeout"/>), which therefore never counts the
/// time spent queueing. Run by <see cref="AttemptHandler"/>, inside authentication, so a token replay pays
/// its own permit.
/// </summary>
internal sealed class AttemptPipeline
{
    public AttemptPipeline(FeishuResourcesOptions options, IFeishuQuota quota, TimeProvider timeProvider, ILogger<AttemptPipeline> logger)
    {
        Options = options;
        AttemptTimeout = options.Timeouts.AttemptTimeout;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider, Name = "FeishuResources.Attempt" };
        if (options.RateLimit.Enabled)
        {
            // The lease is held until the response headers arrive, so network delay cannot let the server
            // see more starts in one window than the limiter allowed.
            var permits = new QuotaPermits(quota, options.RateLimit, timeProvider, logger);
            builder.AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = permits.AcquireAsync });
        }

        if (AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            // Inside the permit, ended by the headers: a long body is never cut off.
            builder.AddTimeout(AttemptTimeout);
        }

        Pipeline = builder.Build();
    }

    public FeishuResourcesOptions Options { get; }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    public TimeSpan AttemptTimeout { get; }
}
