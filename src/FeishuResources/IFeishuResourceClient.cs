using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources;

/// <summary>
/// Downloads files, images, audio and video from Feishu/Lark chats as streams.
/// </summary>
/// <remarks>
/// Obtain an instance through dependency injection with
/// <c>services.AddFeishuResources(...)</c> (several apps: named clients and
/// <see cref="IFeishuResourceClientFactory"/>), or without it from <see cref="FeishuResourceClient.Create"/>. Every method returns as soon as the response headers
/// arrive; the body is read from <see cref="FeishuDownload.Content"/> as it comes off the network.
/// Dispose the returned <see cref="FeishuDownload"/> to release the connection.
/// </remarks>
public interface IFeishuResourceClient
{
    /// <summary>
    /// Downloads a file this bot uploaded: <c>GET /open-apis/im/v1/files/{file_key}</c>.
    /// </summary>
    /// <param name="fileKey">The file key returned when the bot uploaded the file.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The streaming download; dispose it when done.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="fileKey"/> is null, empty, white space, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="FeishuApiException">The platform refused the request; the subclass says why.</exception>
    /// <exception cref="System.TimeoutException">No response headers within <see cref="FeishuTimeoutOptions.AttemptTimeout"/> after the retries, or within <see cref="FeishuTimeoutOptions.TotalTimeout"/>.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">The platform could not be reached, after the retries.</exception>
    /// <exception cref="FeishuDownloadException">A resource over 100 MB was fetched in ranges and the first range contradicted itself, or the download is larger than <see cref="FeishuResourcesOptions.MaxDownloadBytes"/>.</exception>
    /// <remarks>The files endpoint only serves files this bot uploaded. For files users sent, use
    /// <see cref="DownloadMessageResourceAsync(string, string, FeishuResourceType, CancellationToken)"/>.</remarks>
    Task<FeishuDownload> DownloadFileAsync(string fileKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads a file this bot uploaded, with per-call choices such as the tenant or an access token.
    /// </summary>
    /// <param name="fileKey">The file key returned when the bot uploaded the file.</param>
    /// <param name="requestOptions">Per-call choices; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The streaming download; dispose it when done.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="fileKey"/> is null, empty, white space, <c>.</c> or <c>..</c>; or <paramref name="requestOptions"/> has a <see cref="FeishuRequestOptions.TenantKey"/> with a lone surrogate or an <see cref="FeishuRequestOptions.AccessToken"/> with a character other than visible ASCII.</exception>
    /// <exception cref="FeishuApiException">The platform refused the request; the subclass says why.</exception>
    /// <exception cref="System.TimeoutException">No response headers within <see cref="FeishuTimeoutOptions.AttemptTimeout"/> after the retries, or within <see cref="FeishuTimeoutOptions.TotalTimeout"/>.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">The platform could not be reached, after the retries.</exception>
    /// <exception cref="FeishuDownloadException">A resource over 100 MB was fetched in ranges and the first range contradicted itself, or the download is larger than <see cref="FeishuResourcesOptions.MaxDownloadBytes"/>.</exception>
    Task<FeishuDownload> DownloadFileAsync(string fileKey, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads an image, file, audio or video inside a message:
    /// <c>GET /open-apis/im/v1/messages/{message_id}/resources/{file_key}?type=image|file</c>.
    /// </summary>
    /// <param name="messageId">The message id, for example <c>om_dc13264520392913993dd051dba21dcf</c>.</param>
    /// <param name="fileKey">The resource key from the message content (<c>image_key</c> or <c>file_key</c>).</param>
    /// <param name="type"><see cref="FeishuResourceType.Image"/> for images; <see cref="FeishuResourceType.File"/> for files, audio and video.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The streaming download; dispose it when done.</returns>
    /// <exception cref="System.ArgumentException">An id is null, empty, white space, <c>.</c> or <c>..</c>, or <paramref name="type"/> is not defined.</exception>
    /// <exception cref="FeishuApiException">The platform refused the request; the subclass says why.</exception>
    /// <exception cref="System.TimeoutException">No response headers within <see cref="FeishuTimeoutOptions.AttemptTimeout"/> after the retries, or within <see cref="FeishuTimeoutOptions.TotalTimeout"/>.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">The platform could not be reached, after the retries.</exception>
    /// <exception cref="FeishuDownloadException">A resource over 100 MB was fetched in ranges and the first range contradicted itself, or the download is larger than <see cref="FeishuResourcesOptions.MaxDownloadBytes"/>.</exception>
    Task<FeishuDownload> DownloadMessageResourceAsync(string messageId, string fileKey, FeishuResourceType type, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads a resource inside a message, with per-call choices such as the tenant or an access token.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="fileKey">The resource key from the message content.</param>
    /// <param name="type"><see cref="FeishuResourceType.Image"/> for images; <see cref="FeishuResourceType.File"/> for files, audio and video.</param>
    /// <param name="requestOptions">Per-call choices; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The streaming download; dispose it when done.</returns>
    /// <exception cref="System.ArgumentException">An id is null, empty, white space, <c>.</c> or <c>..</c>, or <paramref name="type"/> is not defined; or <paramref name="requestOptions"/> has a <see cref="FeishuRequestOptions.TenantKey"/> with a lone surrogate or an <see cref="FeishuRequestOptions.AccessToken"/> with a character other than visible ASCII.</exception>
    /// <exception cref="FeishuApiException">The platform refused the request; the subclass says why.</exception>
    /// <exception cref="System.TimeoutException">No response headers within <see cref="FeishuTimeoutOptions.AttemptTimeout"/> after the retries, or within <see cref="FeishuTimeoutOptions.TotalTimeout"/>.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">The platform could not be reached, after the retries.</exception>
    /// <exception cref="FeishuDownloadException">A resource over 100 MB was fetched in ranges and the first range contradicted itself, or the download is larger than <see cref="FeishuResourcesOptions.MaxDownloadBytes"/>.</exception>
    Task<FeishuDownload> DownloadMessageResourceAsync(string messageId, string fileKey, FeishuResourceType type, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a message (<c>GET /open-apis/im/v1/messages/{message_id}</c>) and returns the resources its content
    /// refers to, as <see cref="FeishuMessageContent.Parse(string, string, string)"/> finds them; for a merge-forward, the resources of every
    /// forwarded message (nested ones included), each to be downloaded through this message's id.
    /// </summary>
    /// <param name="messageId">The message id, for example <c>om_dc13264520392913993dd051dba21dcf</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The resources in the order the message lists them; empty for a message without any.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="messageId"/> is null, empty, white space, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="FeishuApiException">The platform refused the request (the message was deleted: <see cref="FeishuResourceNotFoundException"/>;
    /// the bot is not in the chat or lacks a scope: <see cref="FeishuPermissionDeniedException"/>), or its answer was no message list.</exception>
    /// <exception cref="System.TimeoutException">No response within <see cref="FeishuTimeoutOptions.AttemptTimeout"/> after the retries, or within <see cref="FeishuTimeoutOptions.TotalTimeout"/>.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">The platform could not be reached, after the retries.</exception>
    /// <remarks>The request passes the same token, retry and rate-limit handlers as the downloads, on its own quota
    /// (<see cref="FeishuApi.Messages"/>). The app needs <c>im:message</c> or <c>im:message:readonly</c> (group messages:
    /// also <c>im:message.group_msg</c>), and the bot must be in the chat.</remarks>
    Task<IReadOnlyList<FeishuMessageResource>> GetMessageResourcesAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a message and returns the resources its content refers to, with per-call choices such as the tenant or an access token.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="requestOptions">Per-call choices; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The resources in the order the message lists them; empty for a message without any.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="messageId"/> is null, empty, white space, <c>.</c> or <c>..</c>; or <paramref name="requestOptions"/> is invalid.</exception>
    /// <exception cref="FeishuApiException">The platform refused the request, or its answer was no message list.</exception>
    /// <exception cref="System.TimeoutException">No response within <see cref="FeishuTimeoutOptions.AttemptTimeout"/> after the retries, or within <see cref="FeishuTimeoutOptions.TotalTimeout"/>.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">The platform could not be reached, after the retries.</exception>
    Task<IReadOnlyList<FeishuMessageResource>> GetMessageResourcesAsync(string messageId, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default);
}
