using System;

namespace FeishuResources.Transfers;

/// <summary>
/// Reports bytes-so-far at most every 64 KiB or 100 ms, always monotonic, and always once at the end
/// with the total.
/// </summary>
internal sealed class ProgressReporter
{
    private const long ByteStep = 64 * 1024;
    private static readonly TimeSpan TimeStep = TimeSpan.FromMilliseconds(100);

    /// <summary>Without a progress sink there is nothing to remember, so one instance serves every copy.</summary>
    public static ProgressReporter None { get; } = new(null, TimeProvider.System);

    private readonly IProgress<long>? _progress;
    private readonly TimeProvider _timeProvider;
    private long _lastReportedBytes = -1;
    private long _lastReportTimestamp;

    private ProgressReporter(IProgress<long>? progress, TimeProvider timeProvider)
    {
        _progress = progress;
        _timeProvider = timeProvider;
        _lastReportTimestamp = timeProvider.GetTimestamp();
    }

    // Stryker disable once Conditional : equivalent — a reporter without a sink reports nothing either way; None only saves an allocation.
    public static ProgressReporter For(IProgress<long>? progress, TimeProvider timeProvider)
        => progress is null ? None : new ProgressReporter(progress, timeProvider);

    public void Advance(long totalBytes)
    {
        if (_progress is null || totalBytes <= _lastReportedBytes)
        {
            return;
        }

        if (totalBytes - Math.Max(_lastReportedBytes, 0) >= ByteStep || _timeProvider.GetElapsedTime(_lastReportTimestamp) >= TimeStep)
        {
            Report(totalBytes);
        }
    }

    public void Complete(long totalBytes)
    {
        if (_progress is not null && totalBytes != _lastReportedBytes)
        {
            Report(totalBytes);
        }
    }

    private void Report(long totalBytes)
    {
        _lastReportedBytes = totalBytes;
        _lastReportTimestamp = _timeProvider.GetTimestamp();
        _progress!.Report(totalBytes);
    }
}
