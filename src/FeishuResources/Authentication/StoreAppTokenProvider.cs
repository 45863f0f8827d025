using System;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Errors;
using FeishuResources.Internal;
using Microsoft.Extensions.Logging;

namespace FeishuResources.Authentication;

/// <summary>
/// Tokens of a store (marketplace) app: an app access token from the app id, secret and
/// <c>app_ticket</c>, then a tenant access token per tenant key, each cached and shared.
/// </summary>
internal sealed class StoreAppTokenProvider : IFeishuTokenProvider
{
    private const string AppTokenEndpoint = "open-apis/auth/v3/app_access_token";
    private const string TenantTokenEndpoint = "open-apis/auth/v3/tenant_access_token";
    private const string ResendEndpoint = "open-apis/auth/v3/app_ticket/resend";
    private const string AppTokenKey = "app";
    private const string TenantKeyPrefix = "tenant:";
    private static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(1);

    private readonly TokenEndpointClient _endpoint;
    private readonly TokenCache _cache;
    private readonly FeishuAppTicketStore _tickets;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly object _resendGate = new();

    // Made once: the cache calls them only on a miss, and a per-call delegate would allocate on every download.
    private readonly Func<string, Task<IssuedToken>> _fetchTenantToken;
    private readonly Func<string, Task<IssuedToken>> _fetchAppToken;
    private long _lastResendTimestamp = long.MinValue;

    public StoreAppTokenProvider(TokenEndpointClient endpoint, TokenCache cache, FeishuAppTicketStore tickets, ILogger<StoreAppTokenProvider> logger, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _fetchTenantToken = key => FetchTenantTokenAsync(key.Substring(TenantKeyPrefix.Length));
        _fetchAppToken = _ => FetchAppTokenAsync();
        _endpoint = endpoint;
        _cache = cache;
        _tickets = tickets;
        _logger = logger;
    }

    public ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken)
    {
        string tenantKey = request.TenantKey
            ?? throw new System.InvalidOperationException("Store apps act for one tenant per call: set FeishuRequestOptions.TenantKey.");
        return _cache.GetAsync(TenantKeyPrefix + tenantKey, request.RejectedToken, _fetchTenantToken, cancellationToken);
    }

    private async Task<IssuedToken> FetchTenantTokenAsync(string tenantKey)
    {
        string appToken = await _cache.GetAsync(AppTokenKey, null, _fetchAppToken, CancellationToken.None).ConfigureAwait(false);
        TokenEndpointAnswer answer = await PostTenantTokenRequestAsync(appToken, tenantKey).ConfigureAwait(false);
        if (answer.Error is { } error && ErrorCodeTable.RefreshesToken(error.Code))
        {
            // The app access token went stale: evict it and try once more with a fresh one.
            appToken = await _cache.GetAsync(AppTokenKey, appToken, _fetchAppToken, CancellationToken.None).ConfigureAwait(false);
            answer = await PostTenantTokenRequestAsync(appToken, tenantKey).ConfigureAwait(false);
        }

        IssuedToken token = answer.GetTokenOrThrow(answer.Body?.TenantAccessToken, TenantTokenEndpoint, "Check that the app is installed in tenant '" + tenantKey + "'.");
        Log.TokenFetched(_logger, "tenant_access_token", _endpoint.Options.AppId, tenantKey, token.Lifetime.TotalSeconds);
        return token;
    }

    private Task<TokenEndpointAnswer> PostTenantTokenRequestAsync(string appToken, string tenantKey)
        => _endpoint.PostAsync(TenantTokenEndpoint, new StoreTenantTokenRequest { AppAccessToken = appToken, TenantKey = tenantKey }, FeishuJsonContext.Default.StoreTenantTokenRequest, CancellationToken.None);

    private async Task<IssuedToken> FetchAppTokenAsync()
    {
        FeishuResourcesOptions options = _endpoint.Options;
        string? ticket = _tickets.Ticket;
        if (ticket is null)
        {
            await RequestTicketResendAsync().ConfigureAwait(false);
            throw FeishuExceptionFactory.CreateTokenRefusal(
                new FeishuApiError(FeishuErrorCodes.AppTicketInvalid, System.Net.HttpStatusCode.OK, "no app_ticket has been received yet"),
                AppTokenEndpoint,
                "Hand each app_ticket event to FeishuAppTicketStore.SetTicket; a resend was requested, retry when it arrives.");
        }

        var body = new StoreAppTokenRequest { AppId = options.AppId, AppSecret = options.AppSecret, AppTicket = ticket };
        TokenEndpointAnswer answer = await _endpoint.PostAsync(AppTokenEndpoint, body, FeishuJsonContext.Default.StoreAppTokenRequest, CancellationToken.None).ConfigureAwait(false);
        if (answer.Error?.Code == FeishuErrorCodes.AppTicketInvalid)
        {
            _tickets.Forget(ticket);
            await RequestTicketResendAsync().ConfigureAwait(false);
        }

        IssuedToken token = answer.GetTokenOrThrow(answer.Body?.AppAccessToken, AppTokenEndpoint, "Check FeishuResourcesOptions.AppId, AppSecret and the latest app_ticket.");
        Log.TokenFetched(_logger, "app_access_token", options.AppId, "(none)", token.Lifetime.TotalSeconds);
        return token;
    }

    /// <summary>
    /// Asks the platform to push the ticket again — at most once per <see cref="ResendInterval"/>, since
    /// every download attempted before the ticket arrives comes through here.
    /// </summary>
    private async Task RequestTicketResendAsync()
    {
        lock (_resendGate)
        {
            long now = _timeProvider.GetTimestamp();
            if (_lastResendTimestamp != long.MinValue && _timeProvider.GetElapsedTime(_lastResendTimestamp, now) < ResendInterval)
            {
                return;
            }

            _lastResendTimestamp = now;
        }

        FeishuResourcesOptions options = _endpoint.Options;
        var body = new AppCredentialsBody { AppId = options.AppId, AppSecret = options.AppSecret };
        TokenEndpointAnswer answer = await _endpoint.PostAsync(ResendEndpoint, body, FeishuJsonContext.Default.AppCredentialsBody, CancellationToken.None).ConfigureAwait(false);
        if (answer.Error is { } error)
        {
            Log.AppTicketResendFailed(_logger, options.AppId, error.Code, error.LogId);
        }
        else
        {
            Log.AppTicketResendRequested(_logger, options.AppId);
        }
    }
}
