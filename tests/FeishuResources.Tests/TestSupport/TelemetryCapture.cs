using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FeishuResources.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// Listens to the SDK's activities and instruments for one test. Listeners are process-global and tests run in
/// parallel, so it keeps only the activities of its own trace (it starts a root activity, current for the rest of
/// the test) and the measurements of its own app id (use <see cref="AppId"/> for the SDK under test).
/// Measurements are collected by Microsoft.Extensions.Diagnostics.Testing's <see cref="MetricCollector{T}"/>, one
/// per instrument; that package has no collector for activities, so those keep an <see cref="ActivityListener"/>.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly Activity _root;
    private readonly ActivityListener? _activityListener;
    private readonly List<MetricCollector<long>> _counters = new();
    private readonly List<MetricCollector<double>> _histograms = new();
    private readonly ConcurrentQueue<Activity> _started = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();

    /// <param name="activities">Whether to listen to the activity source.</param>
    /// <param name="metrics">Whether to listen to the meter.</param>
    public TelemetryCapture(bool activities = true, bool metrics = true)
    {
        // Before the listener: other tests' activities reach it from the moment it is added, and Keep reads the root.
        _root = new Activity("telemetry-test").SetIdFormat(ActivityIdFormat.W3C).Start();
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
            foreach (Counter<long> counter in new[] { FeishuTelemetry.Downloads, FeishuTelemetry.DownloadedBytes, FeishuTelemetry.Errors, FeishuTelemetry.Throttled, FeishuTelemetry.TokenFetches, FeishuTelemetry.Resumes })
            {
                _counters.Add(new MetricCollector<long>(counter));
            }

            _histograms.Add(new MetricCollector<double>(FeishuTelemetry.RateLimitWait));
        }
    }

    public string AppId { get; } = "cli_tel_" + Guid.NewGuid().ToString("N");

    public Activity Root => _root;

    /// <summary>The SDK's activities of this test that were started, stopped or not.</summary>
    public IReadOnlyList<Activity> Started => _started.ToList();

    /// <summary>The SDK's activities of this test that were stopped, in stop order.</summary>
    public IReadOnlyList<Activity> Stopped => _stopped.ToList();

    /// <summary>This test's measurements, instrument by instrument, each in recording order.</summary>
    public IReadOnlyList<Measurement> Measurements
        => _counters.SelectMany(c => Mine(c, m => m.Value))
            .Concat(_histograms.SelectMany(c => Mine(c, m => m.Value)))
            .ToList();

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
        _counters.ForEach(c => c.Dispose());
        _histograms.ForEach(c => c.Dispose());
    }

    private void Keep(ConcurrentQueue<Activity> into, Activity activity)
    {
        if (activity.TraceId == _root.TraceId)
        {
            into.Enqueue(activity);
        }
    }

    private IEnumerable<Measurement> Mine<T>(MetricCollector<T> collector, Func<CollectedMeasurement<T>, double> value)
        where T : struct
        => collector.GetMeasurementSnapshot()
            .Where(m => m.Tags.TryGetValue(TelemetryNames.AppId, out object? appId) && Equals(appId, AppId))
            .Select(m => new Measurement(collector.Instrument!.Name, collector.Instrument.Unit, value(m), m.Tags.ToArray()));

    public sealed record Measurement(string Instrument, string? Unit, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public object? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key).Value;
    }
}
