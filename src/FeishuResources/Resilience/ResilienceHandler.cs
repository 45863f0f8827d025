using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Http;
using Polly;
using Polly.Timeout;

namespace FeishuResources.Resilience;

/// <summary>
/// The outermost of the SDK's handlers: runs each request through the <see cref="RequestPipeline"/> (total
/// budget, rate-limit and transient retries), so every attempt passes the handlers inside it again.
/// </summary>
internal sealed class ResilienceHandler : DelegatingHandler
{
    private readonly RequestPipeline _pipeline;
    private readonly TimeProvider _timeProvider;

    public ResilienceHandler(RequestPipeline pipeline, TimeProvider timeProvider)
    {
        _pipeline = pipeline;
        _timeProvider = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ResilienceContext context = StartBudget(cancellationToken);
        try
        {
            // The outcome form, as in AttemptHandler: one state machine fewer per strategy chain than ExecuteAsync.
            Outcome<HttpResponseMessage> outcome = await _pipeline.Pipeline.ExecuteOutcomeAsync(
                static (attempt, state) => state.Handler.SendAttemptAsync(state.Request, attempt),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        catch (TimeoutRejectedException ex)
        {
            throw BudgetExceeded(ex);
        }
        finally
        {
            // Stryker disable once Statement : equivalent — the pool only saves an allocation; a context not returned is collected.
            ResilienceContextPool.Shared.Return(context);
        }
    }

#if NET
    /// <summary>The same pipeline run synchronously: Polly waits out a backoff by blocking this thread, not on a timer.</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ResilienceContext context = StartBudget(cancellationToken);
        try
        {
            return _pipeline.Pipeline.Execute(static (attempt, state) => state.Handler.SendAttempt(state.Request, attempt), context, (Handler: this, Request: request));
        }
        catch (TimeoutRejectedException ex)
        {
            throw BudgetExceeded(ex);
        }
        finally
        {
            // Stryker disable once Statement : equivalent — the pool only saves an allocation; a context not returned is collected.
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private HttpResponseMessage SendAttempt(HttpRequestMessage request, ResilienceContext context)
    {
        using Activity? retry = RetryTelemetry.StartAttempt(context);
        try
        {
            HttpResponseMessage response = base.Send(request, context.CancellationToken);
            FeishuTelemetry.SetResponse(retry, response.StatusCode, ResponseHeaderReader.GetLogId(response));
            return response;
        }
        catch (Exception ex)
        {
            FeishuTelemetry.SetError(retry, ex);
            throw;
        }
    }
#endif

    /// <summary>
    /// A pooled context that tells the retry strategies when the budget began, so a wait that cannot fit it is
    /// not begun, and carries each retry's reason to the attempt it concerns (telemetry).
    /// </summary>
    private ResilienceContext StartBudget(CancellationToken cancellationToken)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestPipeline.BudgetStarted, _timeProvider.GetTimestamp());
        return context;
    }

    private TimeoutException BudgetExceeded(TimeoutRejectedException timeout)
        => new(
            string.Format(CultureInfo.InvariantCulture, "The request did not get response headers within its total budget of {0:0.###} s (FeishuTimeoutOptions.TotalTimeout), rate-limit waits and retries included.", _pipeline.TotalTimeout.TotalSeconds),
            timeout);

#if NET
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<Outcome<HttpResponseMessage>> SendAttemptAsync(HttpRequestMessage request, ResilienceContext context)
    {
        using Activity? retry = RetryTelemetry.StartAttempt(context);
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, context.CancellationToken).ConfigureAwait(false);
            if (retry is not null)
            {
                FeishuTelemetry.SetResponse(retry, response.StatusCode, ResponseHeaderReader.GetLogId(response));
            }

            return Outcome.FromResult(response);
        }
        catch (Exception ex)
        {
            FeishuTelemetry.SetError(retry, ex);
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }
}
