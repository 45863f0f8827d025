using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Cli.Batch;
using FeishuResources.Cli.Output;

namespace FeishuResources.Cli.Running;

/// <summary>
/// Runs <c>batch</c>: reads the whole list first (a malformed line fails before any download), skips the
/// items the folder's manifest says are saved, replaces a recorded file that no longer matches, downloads
/// the rest a few at a time, records each one saved (an item that cannot be recorded counts as failed), and
/// sums up — also after a Ctrl+C, naming what was not saved.
/// </summary>
internal static class BatchRunner
{
    public const string StandardInput = "-";

    public static async Task<int> RunAsync(ConnectionSettings settings, string list, string directory, int concurrency, ItemNaming naming, CliConsole console, ICliOutput output, CancellationToken cancellationToken)
    {
        IReadOnlyList<DownloadTarget> targets = await ReadListAsync(list, console, cancellationToken).ConfigureAwait(false);
        string folder = Path.GetFullPath(directory, console.CurrentDirectory);
        Directory.CreateDirectory(folder);
        BatchManifest manifest = await BatchManifest.LoadAsync(folder, cancellationToken).ConfigureAwait(false);

        ClientHost host = ClientHost.Create(settings);
        await using (host.ConfigureAwait(false))
        {
            var downloader = new ItemDownloader(host.Client, output, fromBatchList: true);
            var results = new ItemResult?[targets.Count];
            await output.RunAsync(async () =>
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
                try
                {
                    await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count), parallel, async (index, token) =>
                    {
                        ItemResult result = await RunItemAsync(targets[index], SaveDestination.Directory(folder, naming), manifest, downloader, token).ConfigureAwait(false);
                        results[index] = result;
                        output.ItemFinished(result);
                    }).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C: the items in flight stopped and removed their partial files; the summary says what is missing.
                }

                return results;
            }).ConfigureAwait(false);

            RunSummary summary = RunSummary.OfBatch(
                results.OfType<ItemResult>().ToList(),
                targets.Where((_, index) => results[index] is null).ToList());
            output.Summary(summary);
            return summary.ExitCode;
        }
    }

    private static async Task<ItemResult> RunItemAsync(DownloadTarget target, SaveDestination folder, BatchManifest manifest, ItemDownloader downloader, CancellationToken cancellationToken)
    {
        RecordedFile? recorded = manifest.Find(target);
        if (recorded is { Matches: true })
        {
            return ItemResult.AlreadySaved(target, recorded.Path, recorded.Bytes);
        }

        // A recorded file that no longer matches (truncated, edited) is replaced in place: a copy beside it would
        // leave the bad one under the name the item is known by.
        SaveDestination destination = recorded is null ? folder : SaveDestination.File(recorded.Path);
        ItemResult result = await downloader.DownloadAsync(target, destination, cancellationToken).ConfigureAwait(false);
        if (result.Status != ItemStatus.Saved)
        {
            return result;
        }

        try
        {
            await manifest.RecordAsync(target, result.Path!, result.Bytes!.Value).ConfigureAwait(false);
            return result;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The batch goes on and sums up; this item failed because a re-run would not know it is saved.
            return ItemResult.Failed(target, CliFailure.NotRecorded(result.Path!, manifest.FilePath, exception));
        }
    }

    private static async Task<IReadOnlyList<DownloadTarget>> ReadListAsync(string list, CliConsole console, CancellationToken cancellationToken)
    {
        if (list == StandardInput)
        {
            return await BatchListReader.ReadAsync(console.In, "standard input", cancellationToken).ConfigureAwait(false);
        }

        string path = Path.GetFullPath(list, console.CurrentDirectory);
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The batch list '{path}' does not exist.");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        return await BatchListReader.ReadAsync(reader, path, cancellationToken).ConfigureAwait(false);
    }
}
