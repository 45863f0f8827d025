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
/// items the folder's manifest says are saved, downloads the rest a few at a time, records each one saved
/// (an item that cannot be recorded counts as failed), and sums up.
/// </summary>
internal static class BatchRunner
{
    public const string StandardInput = "-";

    public static async Task<int> RunAsync(ConnectionSettings settings, string list, string directory, int concurrency, CliConsole console, ICliOutput output, CancellationToken cancellationToken)
    {
        IReadOnlyList<DownloadTarget> targets = await ReadListAsync(list, console, cancellationToken).ConfigureAwait(false);
        string folder = Path.GetFullPath(directory, console.CurrentDirectory);
        Directory.CreateDirectory(folder);
        BatchManifest manifest = await BatchManifest.LoadAsync(folder, cancellationToken).ConfigureAwait(false);

        ClientHost host = ClientHost.Create(settings);
        await using (host.ConfigureAwait(false))
        {
            var downloader = new ItemDownloader(host.Client, output, fromBatchList: true);
            var results = new ItemResult[targets.Count];
            await output.RunAsync(async () =>
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count), parallel, async (index, token) =>
                {
                    results[index] = await RunItemAsync(targets[index], folder, manifest, downloader, token).ConfigureAwait(false);
                    output.ItemFinished(results[index]);
                }).ConfigureAwait(false);
                return results;
            }).ConfigureAwait(false);

            RunSummary summary = RunSummary.OfBatch(results, []);
            output.Summary(summary);
            return summary.ExitCode;
        }
    }

    private static async Task<ItemResult> RunItemAsync(DownloadTarget target, string folder, BatchManifest manifest, ItemDownloader downloader, CancellationToken cancellationToken)
    {
        if (manifest.TryGetSaved(target, out string savedPath, out long savedBytes))
        {
            return ItemResult.AlreadySaved(target, savedPath, savedBytes);
        }

        ItemResult result = await downloader.DownloadAsync(target, SaveDestination.Directory(folder), cancellationToken).ConfigureAwait(false);
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
