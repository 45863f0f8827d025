using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using FeishuResources.Http;
using FeishuResources.Internal;
using FeishuResources.Messages;

namespace FeishuResources;

/// <summary>Listing a chat's or thread's messages, page by page, through the same HttpClient (and handlers) as the downloads.</summary>
internal sealed partial class HttpFeishuResourceClient
{
    public IAsyncEnumerable<FeishuMessage> ListChatMessagesAsync(string chatId, FeishuMessageListOptions? options = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(chatId, nameof(chatId));
        return ListMessagesCore(MessageListQuery.Chat, chatId, options, cancellationToken);
    }

    public IAsyncEnumerable<FeishuMessage> ListThreadMessagesAsync(string threadId, FeishuMessageListOptions? options = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(threadId, nameof(threadId));
        return ListMessagesCore(MessageListQuery.Thread, threadId, options, cancellationToken);
    }

    /// <summary>Checks everything before the first request; the pages are fetched as the caller enumerates.</summary>
    private IAsyncEnumerable<FeishuMessage> ListMessagesCore(string containerType, string containerId, FeishuMessageListOptions? options, CancellationToken cancellationToken)
    {
        options ??= new FeishuMessageListOptions();
        Guard.RequestOptions(options.RequestOptions, nameof(options));
        RequireTenantForStoreApps(options.RequestOptions, nameof(options));
        string query = MessageListQuery.Create(containerType, containerId, options);
        return ReadPagesAsync(query, containerId, options.RequestOptions, cancellationToken);
    }

    private async IAsyncEnumerable<FeishuMessage> ReadPagesAsync(string query, string containerId, FeishuRequestOptions? requestOptions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string subject = "the messages of '" + containerId + "'";
        string? pageToken = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            MessageListPage page = await MessageReader.ReadAsync(
                _httpClient,
                FeishuRequestFactory.CreateMessageListRequest(_apiRoot, MessageListQuery.WithPageToken(query, pageToken), containerId, requestOptions),
                MessageListPage.TryRead,
                subject,
                cancellationToken).ConfigureAwait(false);
            foreach (FeishuMessage message in page.Messages)
            {
                yield return message;
            }

            // More pages without a cursor to reach them would loop on the first page forever.
            pageToken = page.HasMore ? page.PageToken ?? throw MessageReader.NoCursor(subject) : null;
        }
        while (pageToken is not null);
    }
}
