using System;
using System.Diagnostics;
using Polly;

namespace FeishuResources.Diagnostics;

/// <summary>
/// The <c>feishu.download.retry</c> activity around each attempt the resilience pipeline sends again. Polly
/// decides a retry (and its wait) before the attempt runs, so the decision is noted on the pipeline's context
/// and picked up by the attempt it concerns.
/// </summary>
internal static class RetryTelemetry
{
    public const string RateLimited = "rate_limited";
    public const string Transient = "transient";

    private static readonly ResiliencePropertyKey<RetryNote> NextRetry = new("FeishuResources.Telemetry.NextRetry");

    /// <summary>Notes, from a retry strategy's <c>OnRetry</c>, why and after what wait the next attempt is sent.</summary>
    public static void Scheduled(ResilienceContext context, string reason, TimeSpan delay)
    {
        if (!FeishuTelemetry.Source.HasListeners())
        {
            return;
        }

        int resendCount = context.Properties.TryGetValue(NextRetry, out RetryNote previous) ? previous.ResendCount + 1 : 1;
        context.Properties.Set(NextRetry, new RetryNote(resendCount, reason, delay));
    }

    /// <summary>Starts the activity of an attempt that is a retry; null for a first attempt or without listeners.</summary>
    public static Activity? StartAttempt(ResilienceContext context)
    {
        if (!context.Properties.TryGetValue(NextRetry, out RetryNote note))
        {
            return null;
        }

        Activity? activity = FeishuTelemetry.Source.StartActivity(TelemetryNames.RetryActivity);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryNames.ResendCount, note.ResendCount);
            activity.SetTag(TelemetryNames.RetryReason, note.Reason);
            activity.SetTag(TelemetryNames.RetryDelay, note.Delay.TotalSeconds);
        }

        return activity;
    }

    private readonly record struct RetryNote(int ResendCount, string Reason, TimeSpan Delay);
}
