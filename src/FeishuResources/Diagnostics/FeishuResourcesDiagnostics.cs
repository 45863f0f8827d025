namespace FeishuResources;

/// <summary>
/// The names under which the SDK reports traces and metrics, for registering them with OpenTelemetry or
/// any <see cref="System.Diagnostics.ActivityListener"/> and <see cref="System.Diagnostics.Metrics.MeterListener"/>.
/// Nothing is recorded, and nothing allocated for it, until a listener subscribes.
/// </summary>
public static class FeishuResourcesDiagnostics
{
    /// <summary>
    /// The name of the <see cref="System.Diagnostics.ActivitySource"/>: one <c>feishu.download</c> activity per
    /// download, with children for token fetches, rate-limit waits, retries, resumes and ranged chunks.
    /// </summary>
    public const string ActivitySourceName = "FeishuResources";

    /// <summary>
    /// The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: downloads, bytes, platform errors, rate-limit
    /// waits, 429s, token fetches and resumes.
    /// </summary>
    public const string MeterName = "FeishuResources";
}
