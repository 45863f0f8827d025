using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FeishuResources.Diagnostics;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// Listens to the SDK's activities and instruments for one test. Listeners are process-global and tests run in
/// parallel, so it keeps only the activities of its own trace (it starts a root activity, current for the rest of
/// the test) and the measurements of its own app id (use <see cref="AppId"/> for the SDK under test).
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly Activity _root;
    private readonly ActivityListener? _activityListener;
    private readonly MeterListener? _meterListener;
    private readonly ConcurrentQueue<Activity> _started = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    /// <param name="activities">Whether to listen to the activity source.</param>
    /// <param name="metrics">Whether to listen to the meter.</param>
    public TelemetryCapture(bool activities = true, bool metrics = true)
    {
        if (activities)
        {
            _activityListener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == FeishuResourcesDiagnostics.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStarted = activity => Keep(_started, activity),
                ActivityStopped = activity => Keep(_stopped, activity),
            };
            ActivitySource.AddActivityListener(_activityListener);
        }

        if (metrics)
        {
            _meterListener = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == FeishuResourcesDiagnostics.MeterName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meterListener.Start();
        }

        _root = new Activity("telemetry-test").SetIdFormat(ActivityIdFormat.W3C).Start();
    }

    public string AppId { get; } = "cli_tel_" + Guid.NewGuid().ToString("N");

    public Activity Root => _root;

    /// <summary>The SDK's activities of this test that were started, stopped or not.</summary>
    public IReadOnlyList<Activity> Started => _started.ToList();

    /// <summary>The SDK's activities of this test that were stopped, in stop order.</summary>
    public IReadOnlyList<Activity> Stopped => _stopped.ToList();

    public IReadOnlyList<Measurement> Measurements => _measurements.ToList();

    public IReadOnlyList<Activity> StoppedNamed(string name) => Stopped.Where(a => a.OperationName == name).ToList();

    public IReadOnlyList<Activity> ChildrenOf(Activity parent, string name)
        => StoppedNamed(name).Where(a => a.ParentSpanId == parent.SpanId).ToList();

    /// <summary>The sum of an instrument's measurements that carry every one of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, object? Value)[] tags)
        => Values(instrument, tags).Sum();

    public IReadOnlyList<double> Values(string instrument, params (string Key, object? Value)[] tags)
        => Measurements.Where(m => m.Instrument == instrument && tags.All(t => Equals(m.Tag(t.Key), t.Value))).Select(m => m.Value).ToList();

    /// <summary>Every tag value of every captured activity and measurement, as text.</summary>
    public IEnumerable<string> AllTagText()
        => Started.SelectMany(a => a.TagObjects.Select(t => t.Key + "=" + t.Value).Append(a.StatusDescription ?? string.Empty))
            .Concat(Measurements.SelectMany(m => m.Tags.Select(t => t.Key + "=" + t.Value)));

    public void Dispose()
    {
        _root.Stop();
        _activityListener?.Dispose();
        _meterListener?.Dispose();
    }

    private void Keep(ConcurrentQueue<Activity> into, Activity activity)
    {
        if (activity.TraceId == _root.TraceId)
        {
            into.Enqueue(activity);
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        KeyValuePair<string, object?>[] copy = tags.ToArray();
        if (copy.Any(t => t.Key == TelemetryNames.AppId && Equals(t.Value, AppId)))
        {
            _measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value, copy));
        }
    }

    public sealed record Measurement(string Instrument, string? Unit, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public object? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key).Value;
    }
}
