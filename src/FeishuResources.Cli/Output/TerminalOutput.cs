using System;
using System.Threading.Tasks;
using FeishuResources.Cli.Backup;
using Spectre.Console;

namespace FeishuResources.Cli.Output;

/// <summary>
/// The plain lines, plus a live progress bar per download while the downloads run. Lines written during the
/// run go through Spectre so they appear above the bars instead of tearing them.
/// </summary>
internal sealed class TerminalOutput : PlainOutput
{
    private readonly IAnsiConsole _terminal;
    private ProgressContext? _progress;
    private (ProgressContext Context, ProgressTask Task)? _backup;

    public TerminalOutput(CliConsole console)
        : base(console)
    {
        // The console already told us stdout is a terminal; Spectre's own guess looks at the process's
        // console and would get it wrong for a console handed in by a host.
        _terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Interactive = InteractionSupport.Yes,
        });
    }

    public override Task<T> RunAsync<T>(Func<Task<T>> work)
        => _terminal.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedBinaryColumn(), new TransferRateBinaryColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                _progress = context;
                try
                {
                    return await work().ConfigureAwait(false);
                }
                finally
                {
                    _progress = null;
                }
            });

    public override IItemProgress BeginItem(string name, long? length)
        => _progress is { } context ? new SpectreItemProgress(context.AddTask(Markup.Escape(name), maxValue: length ?? 1), length is null) : NoItemProgress.Instance;

    public override void BackupProgress(BackupProgress progress)
    {
        if (_progress is not { } context)
        {
            return;
        }

        string line = Markup.Escape(progress.Describe());
        lock (context)
        {
            if (_backup?.Context == context)
            {
                _backup.Value.Task.Description = line;
                return;
            }

            ProgressTask task = context.AddTask(line, maxValue: 1);
            task.IsIndeterminate = true;
            _backup = (context, task);
        }
    }

    protected override void WriteLine(string line)
    {
        if (_progress is null)
        {
            base.WriteLine(line);
        }
        else
        {
            _terminal.WriteLine(line);
        }
    }

    protected override void WriteErrorLine(string line)
    {
        if (_progress is null)
        {
            base.WriteErrorLine(line);
        }
        else
        {
            _terminal.MarkupLine("[red]" + Markup.Escape(line) + "[/]");
        }
    }
}
