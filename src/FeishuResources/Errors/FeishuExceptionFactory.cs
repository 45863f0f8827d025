using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace FeishuResources.Errors;

/// <summary>
/// Turns what the platform said into the exception type its code maps to. Every message is a summary
/// (what happened, what to do) followed by the log id and troubleshooter link; the summary alone is
/// kept as <see cref="FeishuApiException.Summary"/>.
/// </summary>
internal static class FeishuExceptionFactory
{
    public static FeishuApiException Create(FeishuApiError error, TimeSpan? retryAfter = null, string? context = null)
    {
        ErrorCodeTable.Entry entry = ErrorCodeTable.Describe(error.Code, error.StatusCode);
        return New(entry.Category, Summarize(error, entry.Advice, context), error, retryAfter);
    }

    /// <summary>
    /// A token endpoint issued no token. Only a refusal of the app's credentials is an authentication
    /// failure with <paramref name="credentialsAdvice"/>; a rate limit, a failing server or a redirect
    /// becomes the exception (and retry decision) the table gives it, with its own advice.
    /// </summary>
    public static FeishuApiException CreateTokenFailure(FeishuApiError error, TimeSpan? retryAfter, string endpoint, string credentialsAdvice)
    {
        ErrorCodeTable.Entry entry = ErrorCodeTable.DescribeTokenAnswer(error.Code, error.StatusCode, credentialsAdvice);
        string context = entry.Category == FeishuErrorCategory.Authentication
            ? "The token endpoint " + endpoint + " refused the app"
            : "The token endpoint " + endpoint + " issued no token";
        return New(entry.Category, Summarize(error, entry.Advice, context), error, retryAfter);
    }

    /// <summary>A token endpoint refused the app: always an authentication failure, whatever its code.</summary>
    public static FeishuAuthenticationException CreateTokenRefusal(FeishuApiError error, string endpoint, string advice)
    {
        string summary = Summarize(error, advice, "The token endpoint " + endpoint + " refused the app");
        return new FeishuAuthenticationException(WithDetails(summary, error), error) { Summary = summary };
    }

    /// <summary>A user-supplied limiter refused a permit: reported like the server's own frequency limit.</summary>
    public static FeishuRateLimitedException CreateClientSideRejection(string partition, TimeSpan? retryAfter)
    {
        var error = new FeishuApiError(FeishuErrorCodes.RateLimited, (HttpStatusCode)429, "client-side rate limiter refused a permit");
        string summary = Summarize(error, "The rate limiter configured in FeishuRateLimitOptions.LimiterFactory refused a permit for " + partition + "; wait and retry.", "The request was not sent");
        // No log id or troubleshooter link to append: the summary is the whole message.
        return new FeishuRateLimitedException(summary, error, retryAfter);
    }

    /// <summary>A resource refused whole (234037) whose ranged download failed as well: the refusal, and why the ranges failed.</summary>
    public static FeishuResourceTooLargeException CreateRangesRefused(FeishuResourceTooLargeException tooLarge, string why, Exception inner)
    {
        string summary = tooLarge.Summary + " Downloading it in ranges failed: " + why + ".";
        return new FeishuResourceTooLargeException(WithDetails(summary, tooLarge.Error), tooLarge.Error, inner) { Summary = summary };
    }

    private static FeishuApiException New(FeishuErrorCategory category, string summary, FeishuApiError error, TimeSpan? retryAfter)
    {
        string message = WithDetails(summary, error);
        FeishuApiException exception = category switch
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
        exception.Summary = summary;
        return exception;
    }

    private static string Summarize(FeishuApiError error, string? advice, string? context)
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

        return text.ToString();
    }

    private static string WithDetails(string summary, FeishuApiError error)
    {
        var text = new StringBuilder(summary);
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
