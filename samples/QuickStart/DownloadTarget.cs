using System;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources;

namespace QuickStart;

/// <summary>One thing to download: a label for the console and the SDK call that fetches it.</summary>
internal sealed record DownloadTarget(string Label, Func<IFeishuResourceClient, CancellationToken, Task<FeishuDownload>> Start)
{
    public static DownloadTarget BotFile(string fileKey)
        => new("file " + fileKey, (client, ct) => client.DownloadFileAsync(fileKey, ct));

    public static DownloadTarget MessageResource(string messageId, string fileKey, FeishuResourceType type)
        => new($"{type.ToString().ToLowerInvariant()} {fileKey} in {messageId}", (client, ct) => client.DownloadMessageResourceAsync(messageId, fileKey, type, ct));
}
