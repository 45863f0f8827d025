using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FeishuResources.Cli.Backup;

/// <summary>
/// Listens to the SDK's <c>feishu.ratelimit.wait.duration</c> for the progress line: the last wait for a permit, while
/// one was recorded in the last second (so "waiting for the quota" disappears once requests go through at once).
/// </summary>
internal sealed class QuotaWaitListener : IDisposable
{
    private const string WaitInstrument = "feishu.ratelimit.wait.duration";
    private static readonly TimeSpan Shown = TimeSpan.FromSeconds(1);

    private readonly MeterListener _listener = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _lastWaitSeconds;
    private long _lastWaitAt = long.MinValue;

    public QuotaWaitListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FeishuResourcesDiagnostics.MeterName && instrument.Name == WaitInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            if (seconds > 0)
            {
                _lastWaitSeconds = seconds;
                _lastWaitAt = _clock.ElapsedTicks;
            }
        });
        _listener.Start();
    }

    /// <summary>The last wait for a permit, when it was recorded less than a second ago.</summary>
    public TimeSpan? Recent
        => _clock.ElapsedTicks - _lastWaitAt < Shown.TotalSeconds * Stopwatch.Frequency ? TimeSpan.FromSeconds(_lastWaitSeconds) : null;

    public void Dispose() => _listener.Dispose();
}
