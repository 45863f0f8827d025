using System;
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
    /// <summary>The request of nearly every call (the app's own tenant, nothing rejected): immutable, so made once.</summary>
    private static readonly FeishuTokenRequest OwnTenant = new();

    private readonly IFeishuTokenProvider _tokenProvider;
    private readonly ILogger _logger;

    /// <summary>The header of the latest token: every request carries the same one until the token changes.</summary>
    private AuthenticationHeaderValue? _bearer;

    public AuthenticationHandler(IFeishuTokenProvider tokenProvider, ILogger<AuthenticationHandler> logger)
    {
        _tokenProvider = tokenProvider;
        _logger = logger;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        FeishuRequestContext? context = FeishuRequestContext.Get(request);
        if (context?.AccessTokenOverride is { } fixedToken)
        {
            // A caller's own token is never refreshed here: nothing happens after the send.
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixedToken);
            return base.SendAsync(request, cancellationToken);
        }

        return SendWithProvidedTokenAsync(request, context?.TenantKey, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithProvidedTokenAsync(HttpRequestMessage request, string? tenantKey, CancellationToken cancellationToken)
    {
        FeishuTokenRequest tokenRequest = tenantKey is null ? OwnTenant : new FeishuTokenRequest(tenantKey);
        string token = await _tokenProvider.GetTokenAsync(tokenRequest, cancellationToken).ConfigureAwait(false);
        SetBearer(request, token);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FeishuApiException rejected) when (ErrorCodeTable.RefreshesToken(rejected.Code))
        {
            Log.TokenRejected(_logger, rejected.Code, rejected.LogId);
            token = await _tokenProvider.GetTokenAsync(new FeishuTokenRequest(tenantKey, token), cancellationToken).ConfigureAwait(false);
            SetBearer(request, token);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets the bearer header, reusing the last one made while the token stays the same (the header is immutable).</summary>
    private void SetBearer(HttpRequestMessage request, string token)
    {
        AuthenticationHeaderValue? bearer = _bearer;
        if (bearer is null || !string.Equals(bearer.Parameter, token, StringComparison.Ordinal))
        {
            bearer = new AuthenticationHeaderValue("Bearer", token);
            _bearer = bearer;
        }

        request.Headers.Authorization = bearer;
    }
}
