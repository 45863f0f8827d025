using System;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Internal;
using Microsoft.Extensions.Logging;

namespace FeishuResources.Authentication;

/// <summary>Tenant access tokens of a self-built app, from its app id and secret, cached and shared.</summary>
internal sealed class SelfBuiltAppTokenProvider : IFeishuTokenProvider
{
    private const string Endpoint = "open-apis/auth/v3/tenant_access_token/internal";

    private readonly TokenEndpointClient _endpoint;
    private readonly TokenCache _cache;
    private readonly ILogger _logger;
    private readonly Func<string, Task<IssuedToken>> _fetch;

    public SelfBuiltAppTokenProvider(TokenEndpointClient endpoint, TokenCache cache, ILogger<SelfBuiltAppTokenProvider> logger)
    {
        _endpoint = endpoint;
        _cache = cache;
        _logger = logger;

        // Made once: a method group passed per call would allocate a delegate on every download.
        _fetch = _ => FetchAsync();
    }

    public ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken)
        => _cache.GetAsync("tenant", request.RejectedToken, _fetch, cancellationToken);

    private async Task<IssuedToken> FetchAsync()
    {
        FeishuResourcesOptions options = _endpoint.Options;
        var body = new AppCredentialsBody { AppId = options.AppId, AppSecret = options.AppSecret };
        TokenEndpointAnswer answer = await _endpoint.PostAsync(Endpoint, body, FeishuJsonContext.Default.AppCredentialsBody, CancellationToken.None).ConfigureAwait(false);
        IssuedToken token = answer.GetTokenOrThrow(answer.Body?.TenantAccessToken, Endpoint, "Check FeishuResourcesOptions.AppId and AppSecret against the developer console.");
        Log.TokenFetched(_logger, "tenant_access_token", options.AppId, "(app's own)", token.Lifetime.TotalSeconds);
        return token;
    }
}
