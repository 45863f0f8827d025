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

    /// <summary>
    /// Lists the messages of a chat (<c>GET /open-apis/im/v1/messages?container_id_type=chat</c>), following
    /// <c>page_token</c> until the platform has no more; each page is requested when the previous one has been enumerated.
    /// </summary>
    /// <param name="chatId">The chat id, for example <c>oc_5ad11d72b830411d72b836c20</c>.</param>
    /// <param name="options">The time range, order, page size and request options; <see langword="null"/> for the whole chat, oldest first, 50 per page.</param>
    /// <param name="cancellationToken">Cancels the listing at any page (also through <c>WithCancellation</c>).</param>
    /// <returns>The messages in the order asked for. In an ordinary group, a thread shows only its first message here:
    /// list its replies with <see cref="ListThreadMessagesAsync"/> and the message's <see cref="FeishuMessage.ThreadId"/>.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="chatId"/> is null, empty or white space, or <paramref name="options"/> is out of range
    /// (thrown by this call, before any request).</exception>
    /// <exception cref="FeishuApiException">The platform refused a page (the bot is not in the chat, a missing scope:
    /// <see cref="FeishuPermissionDeniedException"/>), or its answer was no message list.</exception>
    /// <exception cref="System.TimeoutException">A page did not arrive within <see cref="FeishuTimeoutOptions.AttemptTimeout"/> after the retries, or within <see cref="FeishuTimeoutOptions.TotalTimeout"/>.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">The platform could not be reached, after the retries.</exception>
    /// <remarks>Every page passes the same token, retry and rate-limit handlers as the downloads, on its own quota
    /// (<see cref="FeishuApi.MessageList"/>: 50 per second and 1000 per minute). The app needs <c>im:message</c>,
    /// <c>im:message:readonly</c> or <c>im:message.history:readonly</c>, for group chats also the scope to read all
    /// group messages (<c>im:message.group_msg</c>), and the bot must be in the chat.</remarks>
    IAsyncEnumerable<FeishuMessage> ListChatMessagesAsync(string chatId, FeishuMessageListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the messages of a thread (<c>GET /open-apis/im/v1/messages?container_id_type=thread</c>): its first message and every reply.
    /// </summary>
    /// <param name="threadId">The thread id (<c>omt_…</c>), from <see cref="FeishuMessage.ThreadId"/>.</param>
    /// <param name="options">The order, page size and request options; a time range is refused (the platform has none for threads).</param>
    /// <param name="cancellationToken">Cancels the listing at any page.</param>
    /// <returns>The thread's messages in the order asked for.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="threadId"/> is null, empty or white space, or <paramref name="options"/> is out of range or has a time range.</exception>
    /// <exception cref="FeishuApiException">The platform refused a page (the thread is invisible to the bot: <see cref="FeishuErrorCodes.ThreadInvisibleToOperator"/>), or its answer was no message list.</exception>
    /// <exception cref="System.TimeoutException">A page did not arrive in time, after the retries.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">The platform could not be reached, after the retries.</exception>
    /// <remarks>On the same quota as <see cref="ListChatMessagesAsync"/>.</remarks>
    IAsyncEnumerable<FeishuMessage> ListThreadMessagesAsync(string threadId, FeishuMessageListOptions? options = null, CancellationToken cancellationToken = default);
}
