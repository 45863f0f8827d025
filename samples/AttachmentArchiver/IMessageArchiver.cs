namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>
/// Archives the attachments of one received message; the one seam between receiving pushes and downloading. The
/// background worker calls it once per message, one message at a time, and logs whatever it throws: to report
/// several failed attachments, throw an <see cref="AggregateException"/> of their exceptions — each is logged with
/// its Feishu code and log id when it is a <see cref="FeishuApiException"/> or <see cref="FeishuDownloadException"/>.
/// </summary>
public interface IMessageArchiver
{
    /// <summary>Downloads and saves the resources of <paramref name="message"/>.</summary>
    /// <param name="message">The message, as received.</param>
    /// <param name="cancellationToken">Cancelled when the application stops before the archive is done; honour it.</param>
    /// <returns>A task that completes when the message is archived.</returns>
    Task ArchiveAsync(ReceivedMessage message, CancellationToken cancellationToken);
}
