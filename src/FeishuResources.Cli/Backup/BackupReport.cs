using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using FeishuResources.Cli.Output;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Backup;

/// <summary>What a chat's backup tells its output: each file's line, the live progress, and the summary at the end.</summary>
internal sealed class BackupReport : IDisposable
{
    private readonly string _chatId;
    private readonly ICliOutput _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly QuotaWaitListener _quotaWaits = new();
    private readonly List<ItemResult> _failures = new();
    private long _scanned;
    private long _saved;
    private long _failed;
    private long _bytes;

    public BackupReport(string chatId, ICliOutput output)
    {
        _chatId = chatId;
        _output = output;
    }

    public void Scanned()
    {
        Interlocked.Increment(ref _scanned);
        ShowProgress();
    }

    public void Finished(ItemResult result)
    {
        if (result.Failure is null)
        {
            Interlocked.Increment(ref _saved);
            Interlocked.Add(ref _bytes, result.Bytes ?? 0);
        }
        else
        {
            lock (_failures)
            {
                _failures.Add(result);
            }

            Interlocked.Increment(ref _failed);
        }

        _output.ItemFinished(result);
        ShowProgress();
    }

    /// <summary>Prints the run's counts and failed files; returns the exit code they add up to.</summary>
    public int Summarize()
    {
        RunSummary summary;
        lock (_failures)
        {
            // Only the failures are kept: what a run remembers must not grow with the chat.
            summary = RunSummary.OfBackup((int)Interlocked.Read(ref _saved), _failures.ToArray());
        }

        _output.Summary(summary);
        return summary.ExitCode;
    }

    public void Dispose() => _quotaWaits.Dispose();

    private void ShowProgress()
        => _output.BackupProgress(new BackupProgress(_chatId, Interlocked.Read(ref _scanned), Interlocked.Read(ref _saved), Interlocked.Read(ref _failed), Interlocked.Read(ref _bytes), _clock.Elapsed, _quotaWaits.Recent));
}
