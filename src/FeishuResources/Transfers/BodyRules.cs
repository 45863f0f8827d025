using FeishuResources.Diagnostics;

namespace FeishuResources.Transfers;

/// <summary>What one download's body must obey, and where it reports.</summary>
/// <param name="ResourceKey">The resource, named in every failure.</param>
/// <param name="MaxBytes">The most bytes the body may carry; null for no limit.</param>
/// <param name="MaxResumeAttempts">Consecutive resumes allowed without new bytes in between.</param>
/// <param name="ChunkSize">Bytes per request when the resource is fetched in <c>Range</c> chunks; otherwise null.</param>
/// <param name="Telemetry">The download's telemetry; null when nobody listens.</param>
internal sealed record BodyRules(string ResourceKey, long? MaxBytes, int MaxResumeAttempts, int? ChunkSize, DownloadTelemetry? Telemetry);
