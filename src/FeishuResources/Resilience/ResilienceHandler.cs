using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Http;
using Polly;

namespace FeishuResources.Resilience;

/// <summary>
/// The outermost of the SDK's handlers: bounds each request phase by the total budget and runs its
/// retries through the resilience pipeline, so every retry passes the authentication and rate-limit
/// handlers inside it again.
/// </summary>
/// <remarks>
/// Nearly every request succeeds the first time, and each Polly strategy costs a state machine per call,
/// so the first attempt goes straight to the inner handlers. Only when it fails does the pipeline run:
/// its first execution hands back that failure, so the strategies judge it, count it and wait after it
/// exactly as if they had sent it themselves.
/// </remarks>
internal sealed class ResilienceHandler : DelegatingHandler
{
    private readonly FeishuResiliencePipeline _pipeline;
    private readonly TimeProvider _timeProvider;

    public ResilienceHandler(FeishuResiliencePipeline pipeline, TimeProvider timeProvider)
    {
        _pipeline = pipeline;
        _timeProvider = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long started = _timeProvider.GetTimestamp();
        using TimeoutToken budget = TimeoutToken.Start(_pipeline.TotalTimeout, _timeProvider, cancellationToken);
        try
        {
            try
            {
                return await base.SendAsync(request, budget.Token).ConfigureAwait(false);
            }
            catch (Exception first) when (_pipeline.CanRetry)
            {
                return await RetryAsync(request, first, started, budget.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (budget.TimedOut(cancellationToken))
        {
            throw new TimeoutException(
                string.Format(CultureInfo.InvariantCulture, "The request did not get response headers within its total budget of {0:0.###} s (FeishuTimeoutOptions.TotalTimeout), rate-limit waits and retries included.", _pipeline.TotalTimeout.TotalSeconds),
                ex);
        }
    }

    private async Task<HttpResponseMessage> RetryAsync(HttpRequestMessage request, Exception firstFailure, long budgetStarted, CancellationToken cancellationToken)
    {
        // An explicit (pooled) context lets the retry strategies note, for telemetry, why the next attempt is
        // sent, and tells them when the budget began, so a wait that cannot fit it is not begun.
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(FeishuResiliencePipeline.BudgetStarted, budgetStarted);
        try
        {
            return await _pipeline.Pipeline.ExecuteAsync(
                static (attempt, state) => new ValueTask<HttpResponseMessage>(state.NextAsync(attempt)),
                context,
                new Attempts(this, request, firstFailure)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, ResilienceContext context)
    {
        Activity? retry = RetryTelemetry.StartAttempt(context);
        return retry is null ? base.SendAsync(request, context.CancellationToken) : SendRetryAsync(request, retry, context.CancellationToken);
    }

    private async Task<HttpResponseMessage> SendRetryAsync(HttpRequestMessage request, Activity retry, CancellationToken cancellationToken)
    {
        using (retry)
        {
            try
            {
                HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                FeishuTelemetry.SetResponse(retry, response.StatusCode, ResponseHeaderReader.GetLogId(response));
                return response;
            }
            catch (Exception ex)
            {
                FeishuTelemetry.SetError(retry, ex);
                throw;
            }
        }
    }

    /// <summary>The attempts of one request inside the pipeline: the failed first one, replayed, then real sends.</summary>
    private sealed class Attempts
    {
        private readonly ResilienceHandler _handler;
        private readonly HttpRequestMessage _request;
        private Exception? _firstFailure;

        public Attempts(ResilienceHandler handler, HttpRequestMessage request, Exception firstFailure)
        {
            _handler = handler;
            _request = request;
            _firstFailure = firstFailure;
        }

        public Task<HttpResponseMessage> NextAsync(ResilienceContext context)
        {
            // Polly calls attempts one after another, never two at once. A faulted task keeps the original
            // stack trace of the failure it carries.
            Exception? replay = _firstFailure;
            _firstFailure = null;
            return replay is null ? _handler.SendOnceAsync(_request, context) : Task.FromException<HttpResponseMessage>(replay);
        }
    }
}
