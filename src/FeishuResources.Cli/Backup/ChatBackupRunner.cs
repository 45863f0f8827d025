using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using FeishuResources.Cli.Output;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Backup;

/// <summary>
/// Runs <c>chat &lt;chat_id&gt; -o DIR</c>: lists the chat (and with <c>--threads</c> each thread) from where the last run
/// got to, and saves every resource of every message not yet in the index, a bounded number at a time, through the SDK's
/// <c>DownloadMessageResourcesToDirectoryAsync</c> (names from the content, merge-forwards read and fetched through the
/// forward). Each saved file is hashed and appended to <c>index.jsonl</c>; the state advances past a message only when
/// every resource of it and of the messages before it is saved.
/// </summary>
internal sealed class ChatBackupRunner
{
    private const int SaveStateEvery = 50;

    private readonly IFeishuResourceClient _client;
    private readonly ChatBackupRequest _request;
    private readonly BackupReport _report;
    private readonly BackupIndex _index;
    private readonly CompletionTracker _tracker = new();
    private readonly HashSet<(string, string)> _claimed = new();
    private readonly object _stateGate = new();
    private ListingPlan _plan = null!;
    private int _sinceSave;

    private ChatBackupRunner(IFeishuResourceClient client, ChatBackupRequest request, BackupReport report, BackupIndex index)
    {
        _client = client;
        _request = request;
        _report = report;
        _index = index;
    }

    public static async Task<int> RunAsync(ConnectionSettings settings, ChatBackupRequest request, ICliOutput output, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(request.Directory);
        using FileStream held = BackupLock.Acquire(request.Directory);
        BackupState? state = BackupState.Load(request.Directory, request.ChatId);
        using BackupIndex index = BackupIndex.Open(request.Directory);
        ClientHost host = ClientHost.Create(settings);
        await using (host.ConfigureAwait(false))
        {
            using var report = new BackupReport(request.ChatId, output);
            var runner = new ChatBackupRunner(host.Client, request, report, index) { _plan = ListingPlan.For(state, request.Since) };
            try
            {
                await output.RunAsync(() => runner.RunAsync(cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // What was saved before the run stopped is worth its summary; the failure itself is reported after it.
                report.Summarize();
                throw;
            }

            return report.Summarize();
        }
    }

    private async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Channel<Work> work = Channel.CreateBounded<Work>(_request.Concurrency * 2);
        var tasks = new List<Task> { ListAsync(work.Writer, stop) };
        for (int i = 0; i < _request.Concurrency; i++)
        {
            tasks.Add(WorkAsync(work.Reader, stop));
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
            return true;
        }
        catch (Exception) when (tasks.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException) is { } cause)
        {
            // The first real failure, not the cancellations it caused in the other tasks.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(cause).Throw();
            throw;
        }
        finally
        {
            SaveState();
        }
    }

    private async Task ListAsync(ChannelWriter<Work> work, CancellationTokenSource stop)
    {
        try
        {
            var options = new FeishuMessageListOptions { StartTime = _plan.Start, EndTime = _request.Until };
            await foreach (FeishuMessage message in _client.ListChatMessagesAsync(_request.ChatId, options, stop.Token).ConfigureAwait(false))
            {
                _report.Scanned();
                await work.WriteAsync(new Work(message, _tracker.Begin(message.CreatedOn)), stop.Token).ConfigureAwait(false);
                if (_request.Threads && message.ThreadId is { } thread)
                {
                    // Replies count at their thread's first message: the state passes a thread only when all of it is saved.
                    await foreach (FeishuMessage reply in _client.ListThreadMessagesAsync(thread, cancellationToken: stop.Token).ConfigureAwait(false))
                    {
                        if (reply.MessageId != message.MessageId)
                        {
                            _report.Scanned();
                            await work.WriteAsync(new Work(reply, _tracker.Begin(message.CreatedOn)), stop.Token).ConfigureAwait(false);
                        }
                    }
                }
            }

            work.Complete();
        }
        catch (Exception exception)
        {
            work.Complete(exception);
            stop.Cancel();
            throw;
        }
    }

    private async Task WorkAsync(ChannelReader<Work> work, CancellationTokenSource stop)
    {
        try
        {
            await foreach (Work item in work.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await BackUpAsync(item, stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            stop.Cancel();
            throw;
        }
    }

    private async Task BackUpAsync(Work work, CancellationToken cancellationToken)
    {
        FeishuMessage message = work.Message;
        IReadOnlyList<FeishuMessageResource> resources;
        try
        {
            // A merge-forward lists a placeholder: its files are read from the forward and fetched through it.
            resources = message.MessageType == "merge_forward"
                ? await _client.GetMessageResourcesAsync(message.MessageId, cancellationToken).ConfigureAwait(false)
                : message.Resources;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var target = DownloadTarget.InMessage(message.MessageId, "(message)", FeishuResourceType.File);
            _report.Finished(ItemResult.Failed(target, CliFailure.From(exception, target)));
            Finish(work.Tracked, succeeded: false);
            return;
        }

        List<FeishuMessageResource> pending = Select(resources);
        _tracker.Add(work.Tracked, pending.Count);
        foreach (FeishuMessageResource resource in pending)
        {
            Finish(work.Tracked, await SaveAsync(message, resource, cancellationToken).ConfigureAwait(false));
        }

        Finish(work.Tracked, succeeded: true);
    }

    /// <summary>The resources worth a request: downloadable, no covers, each (message, key) once, not saved before.</summary>
    private List<FeishuMessageResource> Select(IReadOnlyList<FeishuMessageResource> resources)
    {
        var pending = new List<FeishuMessageResource>();
        foreach (FeishuMessageResource resource in resources)
        {
            if (resource.IsDownloadable && resource.Kind != FeishuMessageResourceKind.VideoCover && resource.DownloadMessageId is { } id
                && !_index.Contains(id, resource.Key))
            {
                lock (_claimed)
                {
                    if (_claimed.Add((id, resource.Key)))
                    {
                        pending.Add(resource);
                    }
                }
            }
        }

        return pending;
    }

    private async Task<bool> SaveAsync(FeishuMessage message, FeishuMessageResource resource, CancellationToken cancellationToken)
    {
        FeishuMessageResourceResult result = (await _client.DownloadMessageResourcesToDirectoryAsync(
            [resource], _request.Directory, new FeishuMessageDownloadOptions { MaxConcurrency = 1 }, cancellationToken: cancellationToken).ConfigureAwait(false))[0];
        var target = DownloadTarget.InMessage(resource.DownloadMessageId!, resource.Key, resource.Type!.Value);
        if (result.Path is not { } path)
        {
            _report.Finished(ItemResult.Failed(target, CliFailure.From(result.Exception!, target)));
            return false;
        }

        // No cancellation from here: a saved file must get its record, or the next run would fetch it again.
        (long bytes, string sha256) = await FileHash.Sha256Async(path).ConfigureAwait(false);
        if (await _index.Unrecorded.TakeCopyOfAsync(path, bytes, sha256).ConfigureAwait(false) is { } first)
        {
            // A crash left this resource's file without its record: that file is kept and recorded, not a second copy.
            File.Delete(path);
            path = first;
        }

        _index.Append(new IndexRecord(target.MessageId!, resource.Key, message.CreatedOn, message.SenderId, ResourceKindNames.Format(resource.Kind), resource.FileName ?? Path.GetFileName(path), Path.GetRelativePath(_request.Directory, path), bytes, sha256));
        _report.Finished(ItemResult.Saved(target, path, bytes, contentType: null, logId: null));
        return true;
    }

    private void Finish(object tracked, bool succeeded)
    {
        _tracker.Finish(tracked, succeeded);
        if (_tracker.TakeAdvanced() is int advanced && advanced > 0 && Interlocked.Add(ref _sinceSave, advanced) >= SaveStateEvery)
        {
            SaveState();
        }
    }

    private void SaveState()
    {
        lock (_stateGate)
        {
            Interlocked.Exchange(ref _sinceSave, 0);
            _plan.Next(_request.ChatId, _tracker.DoneThrough, _request.Since)?.Save(_request.Directory);
        }
    }

    private sealed record Work(FeishuMessage Message, object Tracked);
}
