using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;

namespace FeishuResources.Http;

/// <summary>
/// The innermost of the SDK's handlers: turns every platform error into its typed exception, so the
/// handlers outside it (authentication, retries) act on exceptions and a caller only ever sees files.
/// </summary>
internal sealed class ErrorClassificationHandler : DelegatingHandler
{
    private readonly TimeProvider _timeProvider;
    private readonly string _appId;

    public ErrorClassificationHandler(TimeProvider timeProvider, FeishuResourcesOptions options)
    {
        _timeProvider = timeProvider;
        _appId = options.AppId;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = Linked(request, await base.SendAsync(request, cancellationToken).ConfigureAwait(false));
        return FileOrThrow(request, response, await ResponseClassifier.ClassifyAsync(request, response, _timeProvider, cancellationToken).ConfigureAwait(false));
    }

#if NET
    /// <summary>The same synchronously: an error body is read with synchronous reads.</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = Linked(request, base.Send(request, cancellationToken));
        return FileOrThrow(request, response, ResponseClassifier.Classify(request, response, _timeProvider, cancellationToken));
    }
#endif

    /// <summary>
    /// SocketsHttpHandler links the response to its request, but a custom primary handler may not, and
    /// handlers or callers that read response.RequestMessage expect the link.
    /// </summary>
    private static HttpResponseMessage Linked(HttpRequestMessage request, HttpResponseMessage response)
    {
        response.RequestMessage ??= request;
        return response;
    }

    private HttpResponseMessage FileOrThrow(HttpRequestMessage request, HttpResponseMessage response, FeishuApiException? error)
    {
        if (error is null)
        {
            return response;
        }

        FeishuTelemetry.Refused(FeishuRequestContext.Get(request), _appId, error);
        throw error;
    }
}
