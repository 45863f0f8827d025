using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Http;

namespace FeishuResources.Resilience;

/// <summary>
/// Bounds one attempt's wait for response headers. It sits inside the rate limiter, so time spent
/// queueing for a permit never counts, and it ends with the headers, so a long body is never cut off.
/// </summary>
internal sealed class AttemptTimeoutHandler : DelegatingHandler
{
    private readonly FeishuTimeoutOptions _timeouts;
    private readonly TimeProvider _timeProvider;

    public AttemptTimeoutHandler(FeishuResourcesOptions options, TimeProvider timeProvider)
    {
        _timeouts = options.Timeouts;
        _timeProvider = timeProvider;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Without a timeout nothing happens after the send: pass it through without a state machine.
        TimeSpan timeout = _timeouts.AttemptTimeout;
        return timeout == Timeout.InfiniteTimeSpan ? base.SendAsync(request, cancellationToken) : SendWithTimeoutAsync(request, timeout, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithTimeoutAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using TimeoutToken attempt = TimeoutToken.Start(timeout, _timeProvider, cancellationToken);
        try
        {
            return await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (attempt.TimedOut(cancellationToken))
        {
            string what = FeishuRequestContext.Get(request) is { } context ? "the download of '" + context.ResourceKey + "'" : "the request";
            throw new TimeoutException(
                string.Format(CultureInfo.InvariantCulture, "No response headers for {0} within {1:0.###} s (FeishuTimeoutOptions.AttemptTimeout).", what, timeout.TotalSeconds),
                ex);
        }
    }
}
