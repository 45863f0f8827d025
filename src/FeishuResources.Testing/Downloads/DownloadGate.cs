using System;
using System.Globalization;
using System.Threading.Tasks;
using FeishuResources.Testing.Faults;
using FeishuResources.Testing.Hosting;
using FeishuResources.Testing.RateLimiting;
using FeishuResources.Testing.Responses;
using FeishuResources.Testing.Tokens;
using Microsoft.AspNetCore.Http;

namespace FeishuResources.Testing.Downloads;

/// <summary>
/// Everything a download or message read passes before its resource or message is looked up, in the platform's order: the
/// gateway (a GET with a body, frequency limits), then the token, then any injected error.
/// </summary>
internal sealed class DownloadGate
{
    private readonly TokenIssuer _tokens;
    private readonly FeishuEmulatorFaults _faults;
    private readonly SlidingWindowRateLimiter? _limiter;
    private readonly int _injectedLimit;

    public DownloadGate(TokenIssuer tokens, FeishuEmulatorFaults faults, SlidingWindowRateLimiter? limiter, int injectedLimit)
    {
        _tokens = tokens;
        _faults = faults;
        _limiter = limiter;
        _injectedLimit = injectedLimit;
    }

    /// <summary>True when the request may be served; otherwise the refusal has been written.</summary>
    public async Task<bool> PassAsync(HttpContext context, RequestTarget target, DateTimeOffset now)
    {
        if (HasBody(context.Request))
        {
            // Gateways refuse a GET that carries a body; one SDK sent "{}" and got exactly this.
            context.Response.StatusCode = StatusCodes.Status411LengthRequired;
            return false;
        }

        string? token = ReadBearer(context.Request);
        string? tenant = token is null ? null : _tokens.FindTenant(token);
        if (_limiter?.TryAdmit(tenant ?? TokenIssuer.OwnTenant, target.Api, now) is { } refusal)
        {
            await WriteThrottledAsync(context, refusal).ConfigureAwait(false);
            return false;
        }

        if (_faults.Take(FaultKind.RateLimit, target.ResourceKey) is { } injected)
        {
            await WriteThrottledAsync(context, new RateLimitRefusal(_injectedLimit, injected.Delay)).ConfigureAwait(false);
            return false;
        }

        int authError = token is null ? PlatformErrors.AuthorizationMissing
            : !token.StartsWith("t-", StringComparison.Ordinal) && !token.StartsWith("u-", StringComparison.Ordinal) ? PlatformErrors.TokenFormatError
            : tenant is null ? PlatformErrors.TenantAccessTokenInvalid
            : 0;
        if (authError != 0)
        {
            await PlatformResponseWriter.WriteErrorAsync(context, authError).ConfigureAwait(false);
            return false;
        }

        if (_faults.Take(FaultKind.Error, target.ResourceKey) is { } error)
        {
            await PlatformResponseWriter.WriteErrorAsync(context, error.Code, error.Status, error.Message).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    private static bool HasBody(HttpRequest request)
        => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    /// <summary>The token of <c>Authorization: Bearer …</c>; null when the header is missing or not a bearer token.</summary>
    private static string? ReadBearer(HttpRequest request)
    {
        string authorization = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && authorization.Length > Scheme.Length
            ? authorization[Scheme.Length..].Trim()
            : null;
    }

    private static Task WriteThrottledAsync(HttpContext context, RateLimitRefusal refusal)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers["x-ogw-ratelimit-limit"] = refusal.Limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ogw-ratelimit-reset"] = Math.Ceiling(refusal.Reset.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return PlatformResponseWriter.WriteErrorAsync(context, PlatformErrors.RateLimited, StatusCodes.Status429TooManyRequests);
    }
}
