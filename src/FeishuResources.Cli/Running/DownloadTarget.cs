using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Cli.Running;

/// <summary>One resource to fetch: a file the bot uploaded, or a resource inside a message.</summary>
internal sealed record DownloadTarget(string FileKey, string? MessageId, FeishuResourceType Type)
{
    public static DownloadTarget BotFile(string fileKey) => new(fileKey, null, FeishuResourceType.File);

    public static DownloadTarget InMessage(string messageId, string fileKey, FeishuResourceType type) => new(fileKey, messageId, type);

    public Task<FeishuDownload> StartAsync(IFeishuResourceClient client, CancellationToken cancellationToken)
        => MessageId is null
            ? client.DownloadFileAsync(FileKey, cancellationToken)
            : client.DownloadMessageResourceAsync(MessageId, FileKey, Type, cancellationToken);

    /// <summary>The target as a batch list line (<c>file_key</c> or <c>message_id file_key type</c>); also its identity in the manifest.</summary>
    public override string ToString() => MessageId is null ? FileKey : MessageId + " " + FileKey + " " + ResourceTypeNames.Format(Type);
}
