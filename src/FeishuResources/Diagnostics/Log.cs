using Microsoft.Extensions.Logging;

namespace FeishuResources.Diagnostics;

/// <summary>The SDK's log events. Tokens and secrets never appear in any of them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, EventName = "TokenFetched", Level = LogLevel.Debug,
        Message = "Fetched a {TokenKind} for app {AppId} (tenant {TenantKey}), valid for {LifetimeSeconds} s.")]
    public static partial void TokenFetched(ILogger logger, string tokenKind, string appId, string tenantKey, double lifetimeSeconds);

    [LoggerMessage(EventId = 1002, EventName = "TokenRejected", Level = LogLevel.Information,
        Message = "The platform rejected the access token with code {Code} (log id {LogId}); evicting it and replaying the request once with a fresh token.")]
    public static partial void TokenRejected(ILogger logger, int code, string? logId);

    [LoggerMessage(EventId = 1003, EventName = "AppTicketResendRequested", Level = LogLevel.Warning,
        Message = "No valid app_ticket for store app {AppId}; asked the platform to push one again.")]
    public static partial void AppTicketResendRequested(ILogger logger, string appId);

    [LoggerMessage(EventId = 1004, EventName = "AppTicketResendFailed", Level = LogLevel.Warning,
        Message = "Asking the platform to resend the app_ticket of store app {AppId} failed with code {Code} (log id {LogId}).")]
    public static partial void AppTicketResendFailed(ILogger logger, string appId, int code, string? logId);

    [LoggerMessage(EventId = 2001, EventName = "RateLimiterWaited", Level = LogLevel.Debug,
        Message = "Waited {WaitMilliseconds} ms for a rate-limit permit of app {AppId} on the {Api} API.")]
    public static partial void RateLimiterWaited(ILogger logger, string appId, FeishuApi api, double waitMilliseconds);

    [LoggerMessage(EventId = 2002, EventName = "ServerRateLimited", Level = LogLevel.Warning,
        Message = "The platform rate-limited app {AppId} on the {Api} API (log id {LogId}); holding back its callers for {PauseMilliseconds} ms.")]
    public static partial void ServerRateLimited(ILogger logger, string appId, FeishuApi api, double pauseMilliseconds, string? logId);

    [LoggerMessage(EventId = 3001, EventName = "RetryingAfterRateLimit", Level = LogLevel.Information,
        Message = "Retry {Attempt} after the platform's frequency limit (log id {LogId}), in {DelayMilliseconds} ms.")]
    public static partial void RetryingAfterRateLimit(ILogger logger, int attempt, double delayMilliseconds, string? logId);

    [LoggerMessage(EventId = 3002, EventName = "RetryingTransientFailure", Level = LogLevel.Warning,
        Message = "Retry {Attempt} after a transient failure ({Failure}), in {DelayMilliseconds} ms.")]
    public static partial void RetryingTransientFailure(ILogger logger, int attempt, double delayMilliseconds, string failure);
}
