using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using FeishuResources.Http;

namespace FeishuResources.Diagnostics;

/// <summary>
/// The SDK's <see cref="ActivitySource"/>, <see cref="Meter"/> and instruments, process-wide as .NET
/// expects them to be, and the helpers that tag activities the same way everywhere.
/// </summary>
internal static class FeishuTelemetry
{
    private static readonly string? Version = typeof(FeishuTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(FeishuResourcesDiagnostics.ActivitySourceName, Version);

    public static readonly Meter Meter = new(FeishuResourcesDiagnostics.MeterName, Version);

    public static readonly Counter<long> Downloads = Meter.CreateCounter<long>(
        "feishu.downloads", "{download}", "Downloads that ended, by API and outcome (success, error, cancelled).");

    public static readonly Counter<long> DownloadedBytes = Meter.CreateCounter<long>(
        "feishu.download.bytes", "By", "Body bytes received, resumed and ranged parts included.");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "feishu.errors", "{response}", "Platform error responses on the download APIs, by code and HTTP status.");

    public static readonly Histogram<double> RateLimitWait = Meter.CreateHistogram<double>(
        "feishu.ratelimit.wait.duration", "s", "Time each request waited for a rate-limit permit.");

    public static readonly Counter<long> Throttled = Meter.CreateCounter<long>(
        "feishu.ratelimit.throttled", "{response}", "Responses refused for the platform's frequency limit (HTTP 429 or 99991400).");

    public static readonly Counter<long> TokenFetches = Meter.CreateCounter<long>(
        "feishu.token.fetches", "{fetch}", "Access tokens fetched from the token endpoints; cache hits are not counted.");

    public static readonly Counter<long> Resumes = Meter.CreateCounter<long>(
        "feishu.download.resumes", "{resume}", "Range requests that continued a body after its connection dropped or ended early.");

    public static string ApiName(FeishuApi api) => api switch
    {
        FeishuApi.Files => "files",
        FeishuApi.MessageResources => "message_resources",
        FeishuApi.MessageList => "message_list",
        _ => "messages",
    };

    /// <summary>The <c>error.type</c> of a failure: the exception's full type name.</summary>
    public static string ErrorType(Exception exception) => exception.GetType().FullName!;

    /// <summary>Tags what the platform answered; a no-op without an activity.</summary>
    public static void SetResponse(Activity? activity, HttpStatusCode status, string? logId)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(TelemetryNames.StatusCode, (int)status);
        activity.SetTag(TelemetryNames.LogId, logId);
    }

    /// <summary>Marks the activity failed, with the platform's code, status and log id when the failure carries them.</summary>
    public static void SetError(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag(TelemetryNames.ErrorType, ErrorType(exception));
        if ((exception as FeishuApiException ?? exception.InnerException as FeishuApiException) is { } refusal)
        {
            activity.SetTag(TelemetryNames.Code, refusal.Code);
            SetResponse(activity, refusal.StatusCode, refusal.LogId);
        }
        else if (exception is FeishuDownloadException { LogId: { } logId })
        {
            activity.SetTag(TelemetryNames.LogId, logId);
        }
    }

    /// <summary>Counts a real fetch of an access token and tags its activity; <paramref name="failure"/> is null on success.</summary>
    public static void TokenFetched(string appId, Activity? activity, Exception? failure)
    {
        var tags = new TagList { { TelemetryNames.AppId, appId } };
        if (failure is not null)
        {
            tags.Add(TelemetryNames.ErrorType, ErrorType(failure));
            SetError(activity, failure);
        }

        TokenFetches.Add(1, tags);
    }

    /// <summary>
    /// Records one permit's wait; a caller that queued also gets a <c>feishu.ratelimit.wait</c> activity, created
    /// afterwards with the wait's start time, since only a finished wait tells whether there was one.
    /// </summary>
    public static void RateLimitWaited(FeishuRateLimitPartition partition, TimeSpan waited)
    {
        string api = ApiName(partition.Api);
        RateLimitWait.Record(waited.TotalSeconds, new TagList { { TelemetryNames.Api, api }, { TelemetryNames.AppId, partition.AppId } });
        if (waited <= TimeSpan.Zero || !Source.HasListeners())
        {
            return;
        }

        using Activity? activity = Source.StartActivity(TelemetryNames.RateLimitWaitActivity, ActivityKind.Internal, default(ActivityContext), startTime: DateTimeOffset.UtcNow - waited);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryNames.Api, api);
            activity.SetTag(TelemetryNames.AppId, partition.AppId);
        }
    }

    /// <summary>Counts a platform error response, and a frequency-limit refusal among them.</summary>
    public static void Refused(FeishuRequestContext? context, string appId, FeishuApiException error)
    {
        string? api = context is null ? null : ApiName(context.Api);
        Errors.Add(1, new TagList
        {
            { TelemetryNames.Api, api },
            { TelemetryNames.AppId, appId },
            { TelemetryNames.Code, error.Code },
            { TelemetryNames.StatusCode, (int)error.StatusCode },
        });
        if (error is FeishuRateLimitedException)
        {
            Throttled.Add(1, new TagList { { TelemetryNames.Api, api }, { TelemetryNames.AppId, appId } });
        }
    }

    /// <summary>
    /// Stops an activity from any flow. A download ends wherever its last byte is read or it is disposed, and
    /// <see cref="Activity.Stop"/> would make the activity that was current when it started current again there.
    /// </summary>
    public static void Stop(Activity activity)
    {
        Activity? current = Activity.Current;
        activity.Stop();
        if (current != activity)
        {
            Activity.Current = current;
        }
    }
}
