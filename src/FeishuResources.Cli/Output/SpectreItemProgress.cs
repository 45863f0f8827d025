using Spectre.Console;

namespace FeishuResources.Cli.Output;

/// <summary>One download's bar; a download of unknown length shows as indeterminate until it completes.</summary>
internal sealed class SpectreItemProgress : IItemProgress
{
    private readonly ProgressTask _task;

    public SpectreItemProgress(ProgressTask task, bool lengthUnknown)
    {
        _task = task;
        _task.IsIndeterminate = lengthUnknown;
    }

    public void Report(long value)
    {
        if (!_task.IsIndeterminate)
        {
            _task.Value = value;
        }
    }

    public void Complete(long totalBytes)
    {
        // An empty file still completes the bar: a maximum of 0 would make the percentage 0/0.
        _task.IsIndeterminate = false;
        _task.MaxValue = totalBytes > 0 ? totalBytes : 1;
        _task.Value = _task.MaxValue;
    }

    public void Dispose() => _task.StopTask();
}
