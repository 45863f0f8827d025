using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FeishuResources.Resilience;

/// <summary>
/// The Polly pipeline around one download's request phase, outer to inner: the total budget
/// (<see cref="FeishuTimeoutOptions.TotalTimeout"/>), retries after the platform's frequency limit (the
/// wait it named), then retries of transient failures (exponential backoff with jitter). Run by
/// <see cref="ResilienceHandler"/>; each attempt it sends passes the authentication and attempt handlers.
/// </summary>
internal sealed class RequestPipeline
{
    /// <summary>When the request phase began (a <see cref="TimeProvider"/> timestamp): the start of its total budget.</summary>
    public static readonly ResiliencePropertyKey<long> BudgetStarted = new("FeishuResources.BudgetStarted");

    private readonly TimeProvider _timeProvider;

    public RequestPipeline(FeishuResourcesOptions options, TimeProvider timeProvider, ILogger<RequestPipeline> logger)
    {
        FeishuRetryOptions retry = options.Retry;
        TotalTimeout = options.Timeouts.TotalTimeout;
        _timeProvider = timeProvider;

        // Typed to the response: an untyped pipeline bridges every strategy through Outcome<object>, an extra
        // state machine per strategy and call.
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider, Name = "FeishuResources.Request" };
        if (TotalTimeout != Timeout.InfiniteTimeSpan)
        {
            // Outermost: waits and backoff count against the budget. Polly reports a timeout only when the
            // caller did not cancel, so an OperationCanceledException keeps meaning "the caller cancelled".
            builder.AddTimeout(TotalTimeout);
        }

        if (retry.MaxRateLimitRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRateLimitRetryAttempts,

                // The wait the platform named wins (DelayGenerator); without one, back off with jitter so
                // the callers held back together do not all return at the same instant.
                BackoffType = DelayBackoffType.Exponential,
                Delay = retry.DefaultRateLimitDelay,
                MaxDelay = retry.MaxDelay,
                UseJitter = true,
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is FeishuRateLimitedException limited && FitsBudget(limited.RetryAfter, args.Context)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>((args.Outcome.Exception as FeishuRateLimitedException)?.RetryAfter),
                OnRetry = args =>
                {
                    Log.RetryingAfterRateLimit(logger, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, (args.Outcome.Exception as FeishuApiException)?.LogId);
                    RetryTelemetry.Scheduled(args.Context, RetryTelemetry.RateLimited, args.RetryDelay);
                    return default;
                },
            });
        }

        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = static args => new ValueTask<bool>(TransientFailure.IsTransient(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    Log.RetryingTransientFailure(logger, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, TransientFailure.Describe(args.Outcome.Exception));
                    RetryTelemetry.Scheduled(args.Context, RetryTelemetry.Transient, args.RetryDelay);
                    return default;
                },
            });
        }

        Pipeline = builder.Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    public TimeSpan TotalTimeout { get; }

    /// <summary>
    /// Whether the wait the platform named ends before the total budget does. One that does not is not
    /// waited at all: the caller learns at once how long to wait, instead of a timeout after sitting out
    /// its budget. A wait nobody named is a short backoff, left to the budget.
    /// </summary>
    private bool FitsBudget(TimeSpan? wait, ResilienceContext context)
    {
        if (wait is not { } named || TotalTimeout == Timeout.InfiniteTimeSpan || !context.Properties.TryGetValue(BudgetStarted, out long started))
        {
            return true;
        }

        return named < TotalTimeout - _timeProvider.GetElapsedTime(started);
    }
}
