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
        return TrySetCallersToken(request, context)
            ? base.SendAsync(request, cancellationToken) // never refreshed here: nothing happens after the send
            : SendWithProvidedTokenAsync(request, context?.TenantKey, cancellationToken);
    }

#if NET
    /// <summary>
    /// The same synchronously. A cached token is taken without blocking; fetching one runs the asynchronous token
    /// client (shared with every waiting caller), and this thread waits for it.
    /// </summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        FeishuRequestContext? context = FeishuRequestContext.Get(request);
        if (TrySetCallersToken(request, context))
        {
            return base.Send(request, cancellationToken);
        }

        string? tenantKey = context?.TenantKey;
        string token = WaitFor(_tokenProvider.GetTokenAsync(TokenRequest(tenantKey), cancellationToken));
        SetBearer(request, token);
        try
        {
            return base.Send(request, cancellationToken);
        }
        catch (FeishuApiException rejected) when (ErrorCodeTable.RefreshesToken(rejected.Code))
        {
            Log.TokenRejected(_logger, rejected.Code, rejected.LogId);
            SetBearer(request, WaitFor(_tokenProvider.GetTokenAsync(new FeishuTokenRequest(tenantKey, token), cancellationToken)));
            return base.Send(request, cancellationToken);
        }
    }

    private static string WaitFor(ValueTask<string> token) => token.IsCompletedSuccessfully ? token.Result : token.AsTask().GetAwaiter().GetResult();
#endif

    /// <summary>Sets a caller's own per-call token, if the request carries one.</summary>
    private static bool TrySetCallersToken(HttpRequestMessage request, FeishuRequestContext? context)
    {
        if (context?.AccessTokenOverride is not { } fixedToken)
        {
            return false;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixedToken);
        return true;
    }

    private static FeishuTokenRequest TokenRequest(string? tenantKey) => tenantKey is null ? OwnTenant : new FeishuTokenRequest(tenantKey);

    private async Task<HttpResponseMessage> SendWithProvidedTokenAsync(HttpRequestMessage request, string? tenantKey, CancellationToken cancellationToken)
    {
        string token = await _tokenProvider.GetTokenAsync(TokenRequest(tenantKey), cancellationToken).ConfigureAwait(false);
        SetBearer(request, token);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FeishuApiException rejected) when (ErrorCodeTable.RefreshesToken(rejected.Code))
        {
            Log.TokenRejected(_logger, rejected.Code, rejected.LogId);
            SetBearer(request, await _tokenProvider.GetTokenAsync(new FeishuTokenRequest(tenantKey, token), cancellationToken).ConfigureAwait(false));
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
