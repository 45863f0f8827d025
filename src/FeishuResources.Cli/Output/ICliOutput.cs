using System;
using System.Threading.Tasks;
using FeishuResources.Cli.Backup;
using FeishuResources.Cli.Emulation;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Output;

/// <summary>
/// How a command reports: progress bars on a terminal, one plain line per item when redirected or quiet,
/// or one JSON object per item. Every member may be called from several downloads at once.
/// </summary>
internal interface ICliOutput
{
    /// <summary>Runs the downloads inside the output's live display, if it has one.</summary>
    Task<T> RunAsync<T>(Func<Task<T>> work);

    /// <summary>Starts showing the progress of one download whose headers arrived.</summary>
    IItemProgress BeginItem(string name, long? length);

    void ItemFinished(ItemResult result);

    /// <summary>Shows where a chat's backup is (a live line on a terminal; nothing in plain or JSON output, whose lines are per file).</summary>
    void BackupProgress(BackupProgress progress);

    /// <summary>Shows one resource of a message that is listed, not downloaded.</summary>
    void ResourceListed(FeishuMessageResource resource);

    void Summary(RunSummary summary);

    /// <summary>Reports a failure of the whole command, before or outside any item.</summary>
    void Failure(CliFailure failure);

    void EmulatorStarted(EmulatorBanner banner);

    /// <summary>Says that Ctrl+C (or SIGTERM) was received and the command is stopping, where the user sees it.</summary>
    void Stopping();
}
