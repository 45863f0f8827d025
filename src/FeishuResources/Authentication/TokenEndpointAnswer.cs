using System;
using FeishuResources.Errors;
using FeishuResources.Internal;

namespace FeishuResources.Authentication;

/// <summary>A token endpoint's answer: the parsed body, and the error (with any wait it named) when it issued no token.</summary>
internal readonly struct TokenEndpointAnswer
{
    private const long MissingExpireFallbackSeconds = 30 * 60;

    /// <summary>
    /// The longest life the platform gives a tenant or app access token (2 hours). A longer <c>expire</c>
    /// is no real promise, and one far enough in the future would not even fit a date.
    /// </summary>
    private const long LongestLifeSeconds = 2 * 60 * 60;

    public TokenEndpointAnswer(PlatformResponse? body, FeishuApiError? error, TimeSpan? retryAfter = null)
    {
        Body = body;
        Error = error;
        RetryAfter = retryAfter;
    }

    public PlatformResponse? Body { get; }

    public FeishuApiError? Error { get; }

    /// <summary>How long a rate-limited endpoint asked to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// The issued token, or the failure the answer means: a refusal of the credentials (explained by
    /// <paramref name="credentialsAdvice"/>), a rate limit, or a server failure worth retrying.
    /// </summary>
    public IssuedToken GetTokenOrThrow(string? token, string endpoint, string credentialsAdvice)
    {
        if (Error is not null)
        {
            throw FeishuExceptionFactory.CreateTokenFailure(Error, RetryAfter, endpoint, credentialsAdvice);
        }

        if (string.IsNullOrEmpty(token))
        {
            throw FeishuExceptionFactory.CreateTokenRefusal(new FeishuApiError(0, System.Net.HttpStatusCode.OK, "the answer carried no token"), endpoint, credentialsAdvice);
        }

        if (Guard.UnsendableInHeader(token!) >= 0)
        {
            // Sent on, it would fail deep in the download as a header error (or, with a line break, split the header).
            throw FeishuExceptionFactory.CreateTokenRefusal(new FeishuApiError(0, System.Net.HttpStatusCode.OK, "the answer carried a token no Authorization header can carry (only visible ASCII is allowed)"), endpoint, credentialsAdvice);
        }

        // The platform always sends `expire`; should it not, assume the shortest life a freshly issued
        // token has (it re-issues below 30 minutes) rather than refetching on every call.
        double expire = Body?.Expire is > 0 ? Math.Min(Body.Expire.Value, LongestLifeSeconds) : MissingExpireFallbackSeconds;
        return new IssuedToken(token!, TimeSpan.FromSeconds(expire));
    }
}
