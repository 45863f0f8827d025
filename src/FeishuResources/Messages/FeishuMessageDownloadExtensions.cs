using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Internal;
using FeishuResources.Messages;

namespace FeishuResources;

/// <summary>
/// Every resource of a message in one call: read the message, download each resource with the right id and
/// type, save it under the name its content gives, and report one result per resource.
/// </summary>
public static class FeishuMessageDownloadExtensions
{
    /// <summary>
    /// Reads the message (see <see cref="IFeishuResourceClient.GetMessageResourcesAsync(string, CancellationToken)"/>) and saves
    /// every resource it refers to inside <paramref name="directory"/>, a merge-forward's through the forward's id.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="directory">The folder to save in; created when missing. Nothing is written outside it.</param>
    /// <param name="options">Concurrency, covers, overwriting, request options; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives each resource's result as it finishes; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels reading the message and every download.</param>
    /// <returns>One result per downloaded resource, in the message's order: see the resources overload for which resources and names.</returns>
    /// <exception cref="ArgumentException">An argument is null, empty or white space, or <paramref name="options"/> is out of range.</exception>
    /// <exception cref="FeishuApiException">The message itself could not be read (deleted, the bot not in the chat, a missing scope).</exception>
    public static Task<IReadOnlyList<FeishuMessageResourceResult>> DownloadMessageResourcesToDirectoryAsync(this IFeishuResourceClient client, string messageId, string directory, FeishuMessageDownloadOptions? options = null, IProgress<FeishuMessageResourceResult>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(client, nameof(client));
        Guard.Id(messageId, nameof(messageId));
        Guard.NotNullOrWhiteSpace(directory, nameof(directory));
        MessageResourceDownloader downloader = MessageResourceDownloader.Create(client, directory, options, progress);
        return ReadAndDownloadAsync(client, messageId, downloader, options?.RequestOptions, cancellationToken);
    }

    /// <summary>
    /// Saves resources already known — for example parsed from an <c>im.message.receive_v1</c> event with
    /// <see cref="FeishuMessageContent.Parse(string, string, string)"/> and its message id — inside <paramref name="directory"/>.
    /// Stickers (not served by the platform) are skipped, and video covers unless <see cref="FeishuMessageDownloadOptions.IncludeVideoCovers"/>
    /// is set; a key listed twice for one message is downloaded once. A file is named after the content's <c>file_name</c>
    /// (clean UTF-8), else the download's <c>Content-Disposition</c>, else its key plus an extension from its type,
    /// made safe (<see cref="FeishuDownload.SafeFileName"/>); a name already taken gets <c> (1)</c>, <c> (2)</c>, …
    /// Each is saved atomically. A failure never stops the others: it is that resource's <see cref="FeishuMessageResourceResult.Exception"/>.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="resources">The resources; each needs its <see cref="FeishuMessageResource.DownloadMessageId"/>.</param>
    /// <param name="directory">The folder to save in; created when missing. Nothing is written outside it.</param>
    /// <param name="options">Concurrency, covers, overwriting, request options; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives each resource's result as it finishes; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels every download.</param>
    /// <returns>One result per downloaded resource, in the given order.</returns>
    /// <exception cref="ArgumentException">An argument is null or blank, a resource has no message id, or <paramref name="options"/> is out of range.</exception>
    /// <remarks>A name is taken when the file appears, without replacing anything: a file another process creates under it
    /// while the body arrives is kept, and the download gets the next free <c> (n)</c>.</remarks>
    public static Task<IReadOnlyList<FeishuMessageResourceResult>> DownloadMessageResourcesToDirectoryAsync(this IFeishuResourceClient client, IEnumerable<FeishuMessageResource> resources, string directory, FeishuMessageDownloadOptions? options = null, IProgress<FeishuMessageResourceResult>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(client, nameof(client));
        Guard.NotNull(resources, nameof(resources));
        Guard.NotNullOrWhiteSpace(directory, nameof(directory));
        IReadOnlyList<FeishuMessageResource> selected = MessageResourceDownloader.Select(resources, options, nameof(resources));
        return MessageResourceDownloader.Create(client, directory, options, progress).DownloadAsync(selected, cancellationToken);
    }

    private static async Task<IReadOnlyList<FeishuMessageResourceResult>> ReadAndDownloadAsync(IFeishuResourceClient client, string messageId, MessageResourceDownloader downloader, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        IReadOnlyList<FeishuMessageResource> resources = await client.GetMessageResourcesAsync(messageId, requestOptions, cancellationToken).ConfigureAwait(false);
        return await downloader.DownloadAsync(MessageResourceDownloader.Select(resources, downloader.Options, nameof(messageId)), cancellationToken).ConfigureAwait(false);
    }
}
