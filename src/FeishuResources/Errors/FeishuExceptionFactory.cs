using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace FeishuResources.Errors;

/// <summary>Turns what the platform said into the exception type its code maps to.</summary>
internal static class FeishuExceptionFactory
{
    public static FeishuApiException Create(FeishuApiError error, TimeSpan? retryAfter = null, string? context = null)
    {
        ErrorCodeTable.Entry entry = ErrorCodeTable.Describe(error.Code, error.StatusCode);
        string message = ComposeMessage(error, entry.Advice, context);
        return entry.Category switch
        {
            FeishuErrorCategory.Authentication => new FeishuAuthenticationException(message, error),
            FeishuErrorCategory.PermissionDenied => new FeishuPermissionDeniedException(message, error),
            FeishuErrorCategory.NotFound => new FeishuResourceNotFoundException(message, error),
            FeishuErrorCategory.InvalidRequest => new FeishuInvalidRequestException(message, error),
            FeishuErrorCategory.TooLarge => new FeishuResourceTooLargeException(message, error),
            FeishuErrorCategory.RateLimited => new FeishuRateLimitedException(message, error, retryAfter),
            FeishuErrorCategory.TenantStorage => new FeishuTenantStorageException(message, error),
            _ => new FeishuApiException(message, error),
        };
    }

    /// <summary>A token endpoint refused the app: always an authentication failure, whatever its code.</summary>
    public static FeishuAuthenticationException CreateTokenRefusal(FeishuApiError error, string endpoint, string advice)
        => new(ComposeMessage(error, advice, "The token endpoint " + endpoint + " refused the app"), error);

    /// <summary>A user-supplied limiter refused a permit: reported like the server's own frequency limit.</summary>
    public static FeishuRateLimitedException CreateClientSideRejection(string partition, TimeSpan? retryAfter)
    {
        var error = new FeishuApiError(FeishuErrorCodes.RateLimited, (HttpStatusCode)429, "client-side rate limiter refused a permit");
        return new FeishuRateLimitedException(
            ComposeMessage(error, "The rate limiter configured in FeishuRateLimitOptions.LimiterFactory refused a permit for " + partition + "; wait and retry.", "The request was not sent"),
            error,
            retryAfter);
    }

    private static string ComposeMessage(FeishuApiError error, string? advice, string? context)
    {
        var text = new StringBuilder();
        text.Append(context ?? "Feishu refused the request");
        text.Append(error.Code != 0
            ? string.Format(CultureInfo.InvariantCulture, ": code {0} (HTTP {1})", error.Code, (int)error.StatusCode)
            : string.Format(CultureInfo.InvariantCulture, ": HTTP {0}", (int)error.StatusCode));
        if (!string.IsNullOrWhiteSpace(error.Message))
        {
            text.Append(", \"").Append(error.Message).Append('"');
        }

        text.Append('.');
        if (advice is not null)
        {
            text.Append(' ').Append(advice);
        }

        if (error.LogId is not null)
        {
            text.Append(" Log id: ").Append(error.LogId).Append('.');
        }

        if (error.Troubleshooter is not null)
        {
            text.Append(" Troubleshooter: ").Append(error.Troubleshooter);
        }

        return text.ToString();
    }
}
