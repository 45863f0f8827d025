using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Cli.Output;

namespace FeishuResources.Cli.Running;

/// <summary>Downloads one target into its destination, showing progress, and turns any failure into a result.</summary>
internal sealed class ItemDownloader
{
    private readonly IFeishuResourceClient _client;
    private readonly ICliOutput _output;
    private readonly bool _fromBatchList;

    /// <param name="client">The SDK.</param>
    /// <param name="output">Where progress shows.</param>
    /// <param name="fromBatchList">Whether the items come from a batch list, so advice speaks of its lines rather than of commands.</param>
    public ItemDownloader(IFeishuResourceClient client, ICliOutput output, bool fromBatchList)
    {
        _client = client;
        _output = output;
        _fromBatchList = fromBatchList;
    }

    public async Task<ItemResult> DownloadAsync(DownloadTarget target, SaveDestination destination, CancellationToken cancellationToken)
    {
        try
        {
            FeishuDownload download = await target.StartAsync(_client, cancellationToken).ConfigureAwait(false);
            await using (download.ConfigureAwait(false))
            {
                using IItemProgress progress = _output.BeginItem(download.FileName ?? target.FileKey, download.ContentLength);
                string path = await destination.SaveAsync(download, progress, cancellationToken).ConfigureAwait(false);
                long bytes = new FileInfo(path).Length;
                progress.Complete(bytes);
                return ItemResult.Saved(target, path, bytes, download.ContentType, download.LogId);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ItemResult.Failed(target, CliFailure.From(exception, target, _fromBatchList));
        }
    }
}
