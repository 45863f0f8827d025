using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Http;
using Microsoft.Extensions.Options;

namespace FeishuResources.Resilience;

/// <summary>
/// Bounds one attempt's wait for response headers. It sits inside the rate limiter, so time spent
/// queueing for a permit never counts, and it ends with the headers, so a long body is never cut off.
/// </summary>
internal sealed class AttemptTimeoutHandler : DelegatingHandler
{
    private readonly FeishuTimeoutOptions _timeouts;
    private readonly TimeProvider _timeProvider;

    public AttemptTimeoutHandler(IOptions<FeishuResourcesOptions> options, TimeProvider timeProvider)
    {
        _timeouts = options.Value.Timeouts;
        _timeProvider = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        TimeSpan timeout = _timeouts.AttemptTimeout;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

#if NET8_0_OR_GREATER
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
#else
        using CancellationTokenSource timeoutSource = _timeProvider.CreateCancellationTokenSource(timeout);
#endif
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            string what = FeishuRequestContext.Get(request) is { } context ? "the download of '" + context.ResourceKey + "'" : "the request";
            throw new TimeoutException(
                string.Format(CultureInfo.InvariantCulture, "No response headers for {0} within {1:0.###} s (FeishuTimeoutOptions.AttemptTimeout).", what, timeout.TotalSeconds),
                ex);
        }
    }
}
