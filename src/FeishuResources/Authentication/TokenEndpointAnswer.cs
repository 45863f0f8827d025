using System;
using FeishuResources.Errors;
using FeishuResources.Internal;

namespace FeishuResources.Authentication;

/// <summary>A token endpoint's answer: the parsed body, and the error when it refused.</summary>
internal readonly struct TokenEndpointAnswer
{
    private const long MissingExpireFallbackSeconds = 30 * 60;

    public TokenEndpointAnswer(PlatformResponse? body, FeishuApiError? error)
    {
        Body = body;
        Error = error;
    }

    public PlatformResponse? Body { get; }

    public FeishuApiError? Error { get; }

    /// <summary>The issued token, or the authentication failure the refusal (or a missing token) means.</summary>
    public IssuedToken GetTokenOrThrow(string? token, string endpoint, string advice)
    {
        if (Error is not null)
        {
            throw FeishuExceptionFactory.CreateTokenRefusal(Error, endpoint, advice);
        }

        if (string.IsNullOrEmpty(token))
        {
            throw FeishuExceptionFactory.CreateTokenRefusal(new FeishuApiError(0, System.Net.HttpStatusCode.OK, "the answer carried no token"), endpoint, advice);
        }

        // The platform always sends `expire`; should it not, assume the shortest life a freshly issued
        // token has (it re-issues below 30 minutes) rather than refetching on every call.
        long expire = Body?.Expire is > 0 ? Body.Expire.Value : MissingExpireFallbackSeconds;
        return new IssuedToken(token!, TimeSpan.FromSeconds(expire));
    }
}
