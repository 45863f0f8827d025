namespace FeishuResources.Tests.TestSupport;

/// <summary>Records progress reports synchronously (unlike Progress&lt;T&gt;, which posts them later).</summary>
public sealed class RecordingProgress : IProgress<long>
{
    private readonly List<long> _reports = new();
    private readonly Action<long>? _onReport;

    public RecordingProgress(Action<long>? onReport = null) => _onReport = onReport;

    public IReadOnlyList<long> Reports
    {
        get
        {
            lock (_reports)
            {
                return _reports.ToArray();
            }
        }
    }

    public void Report(long value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }

        _onReport?.Invoke(value);
    }
}
