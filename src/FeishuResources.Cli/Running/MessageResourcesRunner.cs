using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Cli.Output;

namespace FeishuResources.Cli.Running;

/// <summary>
/// Runs <c>message &lt;message_id&gt;</c> without a key: lists the message's resources, or saves every one of them
/// through the SDK's <c>DownloadMessageResourcesToDirectoryAsync</c> (names from the content, merge-forwards through
/// the container) and sums up like a batch: a refused resource fails alone, with its exit code.
/// </summary>
internal static class MessageResourcesRunner
{
    public static async Task<int> ListAsync(ConnectionSettings settings, string messageId, ICliOutput output, CancellationToken cancellationToken)
    {
        ClientHost host = ClientHost.Create(settings);
        await using (host.ConfigureAwait(false))
        {
            foreach (FeishuMessageResource resource in await host.Client.GetMessageResourcesAsync(messageId, cancellationToken).ConfigureAwait(false))
            {
                output.ResourceListed(resource);
            }

            return ExitCodes.Success;
        }
    }

    public static async Task<int> DownloadAllAsync(ConnectionSettings settings, string messageId, string directory, ICliOutput output, CancellationToken cancellationToken)
    {
        ClientHost host = ClientHost.Create(settings);
        await using (host.ConfigureAwait(false))
        {
            var finished = new ReportEach(output);
            IReadOnlyList<FeishuMessageResourceResult> results = await output.RunAsync(
                () => host.Client.DownloadMessageResourcesToDirectoryAsync(messageId, directory, progress: finished, cancellationToken: cancellationToken)).ConfigureAwait(false);
            RunSummary summary = RunSummary.OfBatch(results.Select(ToItem).ToList(), []);
            output.Summary(summary);
            return summary.ExitCode;
        }
    }

    private static ItemResult ToItem(FeishuMessageResourceResult result)
    {
        FeishuMessageResource resource = result.Resource;
        var target = DownloadTarget.InMessage(resource.DownloadMessageId!, resource.Key, resource.Type!.Value);
        return result.Path is { } path
            ? ItemResult.Saved(target, path, new FileInfo(path).Length, contentType: null, logId: null)
            : ItemResult.Failed(target, CliFailure.From(result.Exception!, target));
    }

    /// <summary>Shows each resource's line as soon as it finishes, on the downloading thread (no synchronization context to post to).</summary>
    private sealed class ReportEach(ICliOutput output) : IProgress<FeishuMessageResourceResult>
    {
        public void Report(FeishuMessageResourceResult value) => output.ItemFinished(ToItem(value));
    }
}
