using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Errors;
using FeishuResources.Http;
using Microsoft.Extensions.Logging;

namespace FeishuResources.Authentication;

/// <summary>
/// Adds <c>Authorization: Bearer</c> to download requests. When the platform rejects the token
/// (99991661, 99991663, 99991664, 99991671 — with any HTTP status), it evicts that token, fetches a
/// fresh one and replays the request once; the replay goes through the rate limiter again.
/// </summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly IFeishuTokenProvider _tokenProvider;
    private readonly ILogger _logger;

    public AuthenticationHandler(IFeishuTokenProvider tokenProvider, ILogger<AuthenticationHandler> logger)
    {
        _tokenProvider = tokenProvider;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        FeishuRequestContext? context = FeishuRequestContext.Get(request);
        if (context?.AccessTokenOverride is { } fixedToken)
        {
            SetBearer(request, fixedToken);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        string token = await _tokenProvider.GetTokenAsync(new FeishuTokenRequest(context?.TenantKey), cancellationToken).ConfigureAwait(false);
        SetBearer(request, token);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FeishuApiException rejected) when (ErrorCodeTable.RefreshesToken(rejected.Code))
        {
            Log.TokenRejected(_logger, rejected.Code, rejected.LogId);
            token = await _tokenProvider.GetTokenAsync(new FeishuTokenRequest(context?.TenantKey, token), cancellationToken).ConfigureAwait(false);
            SetBearer(request, token);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void SetBearer(HttpRequestMessage request, string token)
        => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
