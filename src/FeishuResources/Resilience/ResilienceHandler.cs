using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Http;
using Polly;
using Polly.Timeout;

namespace FeishuResources.Resilience;

/// <summary>
/// The outermost of the SDK's handlers: runs each request phase through the resilience pipeline, so
/// every retry passes the authentication and rate-limit handlers inside it again.
/// </summary>
internal sealed class ResilienceHandler : DelegatingHandler
{
    private readonly FeishuResiliencePipeline _pipeline;

    public ResilienceHandler(FeishuResiliencePipeline pipeline)
    {
        _pipeline = pipeline;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // An explicit (pooled) context lets the retry strategies note, for telemetry, why the next attempt is sent.
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _pipeline.Pipeline.ExecuteAsync(
                static (attempt, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, attempt)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                string.Format(CultureInfo.InvariantCulture, "The request did not get response headers within its total budget of {0:0.###} s (FeishuTimeoutOptions.TotalTimeout), rate-limit waits and retries included.", _pipeline.TotalTimeout.TotalSeconds),
                ex);
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
}
