using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Cli.Output;

namespace FeishuResources.Cli.Running;

/// <summary>Runs <c>file</c> and <c>message</c>: one download into one destination.</summary>
internal static class DownloadRunner
{
    public static async Task<int> RunAsync(ConnectionSettings settings, DownloadTarget target, SaveDestination destination, ICliOutput output, CancellationToken cancellationToken)
    {
        ClientHost host = ClientHost.Create(settings);
        await using (host.ConfigureAwait(false))
        {
            var downloader = new ItemDownloader(host.Client, output, fromBatchList: false);
            ItemResult result = await output.RunAsync(() => downloader.DownloadAsync(target, destination, cancellationToken)).ConfigureAwait(false);
            output.ItemFinished(result);
            RunSummary summary = RunSummary.OfOne(result);
            output.Summary(summary);
            return summary.ExitCode;
        }
    }
}
