using System;
using System.Diagnostics;
using System.Threading;
using FeishuResources.Http;
using FeishuResources.Transfers;

namespace FeishuResources.Diagnostics;

/// <summary>
/// The <c>feishu.download</c> activity and the download metrics of one download. It starts with the request
/// phase and ends exactly once, at the first of: the body read to its end, a failure nothing can recover
/// from, or the download being disposed — so no activity outlives its download.
/// </summary>
internal sealed class DownloadTelemetry
{
    private readonly Activity? _activity;
    private readonly string _api;
    private readonly string _appId;
    private long _bytes;
    private Exception? _setback;
    private int _ended;

    private DownloadTelemetry(Activity? activity, string api, string appId)
    {
        _activity = activity;
        _api = api;
        _appId = appId;
    }

    /// <summary>The parent for activities started outside the request phase, such as resumes and chunks.</summary>
    public ActivityContext Context => _activity?.Context ?? default;

    /// <summary>Whether any listener wants the activity or the metrics of a download.</summary>
    public static bool IsWanted => FeishuTelemetry.Source.HasListeners() || FeishuTelemetry.Downloads.Enabled || FeishuTelemetry.DownloadedBytes.Enabled;

    /// <summary>Starts tracking; callers check <see cref="IsWanted"/> first, so nothing is allocated when nobody listens.</summary>
    public static DownloadTelemetry Start(FeishuRequestContext context, string appId, string? messageId)
    {
        string api = FeishuTelemetry.ApiName(context.Api);
        Activity? activity = FeishuTelemetry.Source.StartActivity(TelemetryNames.DownloadActivity);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryNames.Api, api);
            activity.SetTag(TelemetryNames.AppId, appId);
            activity.SetTag(TelemetryNames.ResourceKey, context.ResourceKey);
            activity.SetTag(TelemetryNames.MessageId, messageId);
        }

        return new DownloadTelemetry(activity, api, appId);
    }

    /// <summary>The response the body will come from arrived.</summary>
    public void Responded(BodyPart first) => FeishuTelemetry.SetResponse(_activity, first.Response!.StatusCode, first.LogId);

    /// <summary>
    /// Starts the child activity of one range request — a resume of a dropped body, or a chunk of a resource
    /// fetched in ranges — and counts the resume. The activity covers the request, up to the checked headers.
    /// </summary>
    public Activity? StartRange(bool resume, long from, long? to)
    {
        if (resume)
        {
            FeishuTelemetry.Resumes.Add(1, new TagList { { TelemetryNames.Api, _api }, { TelemetryNames.AppId, _appId } });
        }

        Activity? activity = FeishuTelemetry.Source.StartActivity(resume ? TelemetryNames.ResumeActivity : TelemetryNames.ChunkActivity, ActivityKind.Internal, Context);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryNames.RangeStart, from);
            activity.SetTag(TelemetryNames.RangeEnd, to);
        }

        return activity;
    }

    public void AddBytes(int count) => Interlocked.Add(ref _bytes, count);

    /// <summary>The body was read to its end.</summary>
    public void Completed() => End(TelemetryNames.Success, null);

    /// <summary>The request phase failed: there is no download to continue.</summary>
    public void RequestFailed(Exception exception) => End(Outcome(exception), exception);

    /// <summary>
    /// A read of the body failed. A cancelled read or a resume answered with the whole body can still be
    /// recovered from (a save starts over with that body), so those only end the download if it is disposed next.
    /// </summary>
    public void BodyFailed(Exception exception)
    {
        if (exception is OperationCanceledException or FeishuDownloadException { RangeIgnored: true })
        {
            Volatile.Write(ref _setback, exception);
            return;
        }

        End(TelemetryNames.Error, exception);
    }

    /// <summary>The download was disposed: it ends now, as cancelled unless a setback was never recovered from.</summary>
    public void Disposed()
    {
        Exception? setback = Volatile.Read(ref _setback);
        End(setback is null ? TelemetryNames.Cancelled : Outcome(setback), setback);
    }

    private static string Outcome(Exception exception)
        => exception is OperationCanceledException ? TelemetryNames.Cancelled : TelemetryNames.Error;

    private void End(string outcome, Exception? exception)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        long bytes = Interlocked.Read(ref _bytes);
        bool failed = outcome == TelemetryNames.Error && exception is not null;
        if (_activity is not null)
        {
            _activity.SetTag(TelemetryNames.Outcome, outcome);
            _activity.SetTag(TelemetryNames.BytesReceived, bytes);
            if (failed)
            {
                FeishuTelemetry.SetError(_activity, exception!);
            }

            FeishuTelemetry.Stop(_activity);
        }

        var tags = new TagList { { TelemetryNames.Api, _api }, { TelemetryNames.AppId, _appId }, { TelemetryNames.Outcome, outcome } };
        if (failed)
        {
            tags.Add(TelemetryNames.ErrorType, FeishuTelemetry.ErrorType(exception!));
        }

        FeishuTelemetry.Downloads.Add(1, tags);
        if (bytes > 0)
        {
            FeishuTelemetry.DownloadedBytes.Add(bytes, new TagList { { TelemetryNames.Api, _api }, { TelemetryNames.AppId, _appId } });
        }
    }
}
