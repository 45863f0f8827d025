using System;
using System.Threading.Tasks;
using FeishuResources.Cli.Backup;
using FeishuResources.Cli.Emulation;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Output;

/// <summary>
/// One line per item on stdout (failures on stderr, with the platform's code, log id and troubleshooter
/// link), then a summary: what a log file or a script wants.
/// </summary>
internal class PlainOutput : ICliOutput
{
    private readonly object _gate = new();
    private readonly CliConsole _console;

    public PlainOutput(CliConsole console)
    {
        _console = console;
    }

    public virtual Task<T> RunAsync<T>(Func<Task<T>> work) => work();

    public virtual IItemProgress BeginItem(string name, long? length) => NoItemProgress.Instance;

    public void ItemFinished(ItemResult result)
    {
        if (result.Failure is null)
        {
            WriteLine(PlainText.Item(result));
            return;
        }

        lock (_gate)
        {
            WriteErrorLine(PlainText.Item(result));
            if (PlainText.Details(result.Failure) is { } details)
            {
                WriteErrorLine("         " + details);
            }
        }
    }

    public virtual void BackupProgress(BackupProgress progress)
    {
    }

    public void ResourceListed(FeishuMessageResource resource) => WriteLine(PlainText.Resource(resource));

    public void Summary(RunSummary summary)
    {
        // A single download's line already says everything.
        if (!summary.IsBatch)
        {
            return;
        }

        lock (_gate)
        {
            WriteLine(PlainText.Summary(summary));
            if (summary.FailedItems.Count > 0)
            {
                WriteErrorLine("Failed items:");
                foreach (string line in PlainText.FailedList(summary))
                {
                    WriteErrorLine(line);
                }
            }

            if (summary.Unfinished.Count > 0)
            {
                WriteErrorLine("Not saved (cancelled):");
                foreach (DownloadTarget target in summary.Unfinished)
                {
                    WriteErrorLine("  " + target);
                }
            }
        }
    }

    public void Failure(CliFailure failure)
    {
        lock (_gate)
        {
            WriteErrorLine("error: " + failure.Message);
            if (PlainText.Details(failure) is { } details)
            {
                WriteErrorLine("       " + details);
            }
        }
    }

    public void Stopping() => WriteErrorLine(PlainText.Stopping);

    public void EmulatorStarted(EmulatorBanner banner)
    {
        lock (_gate)
        {
            foreach (string line in banner.Describe())
            {
                WriteLine(line);
            }
        }
    }

    /// <summary>Writes a line of results; the terminal output routes it around its progress bars.</summary>
    protected virtual void WriteLine(string line)
    {
        lock (_gate)
        {
            _console.Out.WriteLine(line);
        }
    }

    /// <summary>Writes a line about a failure.</summary>
    protected virtual void WriteErrorLine(string line)
    {
        lock (_gate)
        {
            _console.Error.WriteLine(line);
        }
    }
}
