using System.IO;
using FeishuResources.Internal;

namespace FeishuResources.Transfers;

/// <summary>The destination of a copy, counting the bytes it took and reporting them as progress.</summary>
internal sealed class ProgressDestination : CopyObserver
{
    private readonly ProgressReporter _reporter;

    public ProgressDestination(Stream destination, ProgressReporter reporter)
        : base(destination)
    {
        _reporter = reporter;
    }

    /// <summary>The bytes written so far.</summary>
    public long Written { get; private set; }

    protected override void OnWritten(int count)
    {
        Written += count;
        _reporter.Advance(Written);
    }
}
