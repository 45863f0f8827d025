using System.Net;

namespace FeishuResources;

/// <summary>
/// What the platform said when it refused a request: its code, message, log id and the raw body.
/// </summary>
public sealed class FeishuApiError
{
    /// <summary>Creates an error description, for example to fake one in a test.</summary>
    /// <param name="code">The platform's code, e.g. 234037; 0 when the response carried none.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="message">The platform's <c>msg</c>.</param>
    /// <param name="logId">The log id support asks for.</param>
    /// <param name="troubleshooter">The <c>error.troubleshooter</c> link.</param>
    /// <param name="responseBody">The response body as received (at most 64 KiB).</param>
    public FeishuApiError(int code, HttpStatusCode statusCode, string? message = null, string? logId = null, string? troubleshooter = null, string? responseBody = null)
    {
        Code = code;
        StatusCode = statusCode;
        Message = message;
        LogId = logId;
        Troubleshooter = troubleshooter;
        ResponseBody = responseBody;
    }

    /// <summary>The platform's code, e.g. 234037; 0 when the response carried none.</summary>
    public int Code { get; }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The platform's <c>msg</c>, when it sent one.</summary>
    public string? Message { get; }

    /// <summary>The <c>X-Tt-Logid</c> header, else <c>error.log_id</c>, else <c>X-Request-Id</c>.</summary>
    public string? LogId { get; }

    /// <summary>The <c>error.troubleshooter</c> link, when the platform sent one.</summary>
    public string? Troubleshooter { get; }

    /// <summary>The response body as received (at most 64 KiB), for support cases.</summary>
    public string? ResponseBody { get; }
}
