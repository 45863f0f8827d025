using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
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
        try
        {
            return await _pipeline.Pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, token)),
                (Handler: this, Request: request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                string.Format(CultureInfo.InvariantCulture, "The request did not get response headers within its total budget of {0:0.###} s (FeishuTimeoutOptions.TotalTimeout), rate-limit waits and retries included.", _pipeline.TotalTimeout.TotalSeconds),
                ex);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
}
