using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FeishuResources.Samples.AspNetCore;

/// <summary>
/// Turns a failed download into ProblemDetails — the one place the sample maps Feishu's refusals to HTTP:
/// not found 404, permission 403, too large 413, rate limited 429 with <c>Retry-After</c>, everything else
/// (authentication included: it is this server's credentials that failed, not the browser's) 502. When
/// Feishu could not be reached at all, 504 for a timeout and 502 otherwise. Each carries the log id to
/// quote to Feishu support, when there is one. Each is also logged at Warning (the platform code and log id,
/// never credentials), so the operator sees a wrong secret or a quota problem without asking the browser.
/// </summary>
public sealed partial class FeishuProblemDetailsHandler : IExceptionHandler
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    private readonly IProblemDetailsService _problemDetails;
    private readonly ILogger<FeishuProblemDetailsHandler> _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="problemDetails">Writes the ProblemDetails response.</param>
    /// <param name="logger">Receives a Warning for each failed download.</param>
    public FeishuProblemDetailsHandler(IProblemDetailsService problemDetails, ILogger<FeishuProblemDetailsHandler> logger)
    {
        _problemDetails = problemDetails;
        _logger = logger;
    }

    /// <summary>The status a refusal maps to.</summary>
    /// <param name="exception">The refusal.</param>
    /// <returns>The HTTP status code for the browser.</returns>
    public static int StatusFor(FeishuApiException exception) => exception switch
    {
        FeishuResourceNotFoundException => StatusCodes.Status404NotFound,
        FeishuPermissionDeniedException => StatusCodes.Status403Forbidden,
        FeishuResourceTooLargeException => StatusCodes.Status413PayloadTooLarge,
        FeishuRateLimitedException => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status502BadGateway,
    };

    /// <inheritdoc />
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) => exception switch
    {
        FeishuApiException feishu => WriteRefusalAsync(httpContext, feishu),
        TimeoutException => WriteUnreachableAsync(httpContext, exception, StatusCodes.Status504GatewayTimeout, logId: null),
        HttpRequestException => WriteUnreachableAsync(httpContext, exception, StatusCodes.Status502BadGateway, logId: null),
        FeishuDownloadException broken => WriteUnreachableAsync(httpContext, exception, StatusCodes.Status502BadGateway, broken.LogId),
        _ => new ValueTask<bool>(false),
    };

    private ValueTask<bool> WriteUnreachableAsync(HttpContext httpContext, Exception exception, int status, string? logId)
    {
        LogUnreachable(_logger, httpContext.Request.Path, status, exception.GetType().Name, exception.Message, logId ?? "none");
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = "Feishu could not be reached.",
            Detail = exception.Message,
            Extensions = { ["logId"] = logId },
        };
        return _problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private async ValueTask<bool> WriteRefusalAsync(HttpContext httpContext, FeishuApiException feishu)
    {
        int status = StatusFor(feishu);
        LogRefusal(_logger, httpContext.Request.Path, status, feishu.Code, feishu.LogId ?? "none", feishu.GetType().Name, feishu.Message);
        httpContext.Response.StatusCode = status;
        if (feishu is FeishuRateLimitedException limited)
        {
            TimeSpan wait = limited.RetryAfter ?? DefaultRetryAfter;
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails
        {
            Status = status,
            Title = "Feishu refused the download.",
            Detail = feishu.Message,
            Extensions =
            {
                ["code"] = feishu.Code,
                ["logId"] = feishu.LogId,
                ["troubleshooter"] = feishu.Troubleshooter,
            },
        };
        return await _problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = feishu, ProblemDetails = problem }).ConfigureAwait(false);
    }

    // Exception messages carry no credentials (the SDK's rule); the exception itself is left out, as its stack
    // says nothing the operator can act on.
    [LoggerMessage(EventId = 1, EventName = "FeishuRefused", Level = LogLevel.Warning, Message = "Feishu refused {Path}: code {Code}, log id {LogId} ({Exception}: {Reason}); answered {Status}.")]
    private static partial void LogRefusal(ILogger logger, string path, int status, int code, string logId, string exception, string reason);

    [LoggerMessage(EventId = 2, EventName = "FeishuUnreachable", Level = LogLevel.Warning, Message = "Feishu could not be reached for {Path}: {Exception}: {Reason} (log id {LogId}); answered {Status}.")]
    private static partial void LogUnreachable(ILogger logger, string path, int status, string exception, string reason, string logId);
}
