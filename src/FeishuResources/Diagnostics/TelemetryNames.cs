namespace FeishuResources.Diagnostics;

/// <summary>The names of the SDK's activities, tags and instruments, in OpenTelemetry style.</summary>
internal static class TelemetryNames
{
    public const string DownloadActivity = "feishu.download";
    public const string TokenFetchActivity = "feishu.token.fetch";
    public const string RateLimitWaitActivity = "feishu.ratelimit.wait";
    public const string RetryActivity = "feishu.download.retry";
    public const string ResumeActivity = "feishu.download.resume";
    public const string ChunkActivity = "feishu.download.chunk";

    public const string Api = "feishu.api";
    public const string AppId = "feishu.app_id";
    public const string ResourceKey = "feishu.resource_key";
    public const string MessageId = "feishu.message_id";
    public const string Code = "feishu.code";
    public const string LogId = "feishu.log_id";
    public const string Outcome = "feishu.outcome";
    public const string BytesReceived = "feishu.download.bytes_received";
    public const string RangeStart = "feishu.range.start";
    public const string RangeEnd = "feishu.range.end";
    public const string RetryReason = "feishu.retry.reason";
    public const string RetryDelay = "feishu.retry.delay";
    public const string ResendCount = "http.request.resend_count";
    public const string StatusCode = "http.response.status_code";
    public const string ErrorType = "error.type";

    public const string Success = "success";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
}
