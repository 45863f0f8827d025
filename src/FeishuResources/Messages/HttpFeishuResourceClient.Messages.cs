using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Http;
using FeishuResources.Internal;
using FeishuResources.Messages;

namespace FeishuResources;

/// <summary>Reading a message to find its resources, through the same HttpClient (and handlers) as the downloads.</summary>
internal sealed partial class HttpFeishuResourceClient
{
    public Task<IReadOnlyList<FeishuMessageResource>> GetMessageResourcesAsync(string messageId, CancellationToken cancellationToken = default)
        => GetMessageResourcesCoreAsync(messageId, null, optionsParameter: null, cancellationToken);

    public Task<IReadOnlyList<FeishuMessageResource>> GetMessageResourcesAsync(string messageId, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
        => GetMessageResourcesCoreAsync(messageId, requestOptions, nameof(requestOptions), cancellationToken);

    private Task<IReadOnlyList<FeishuMessageResource>> GetMessageResourcesCoreAsync(string messageId, FeishuRequestOptions? requestOptions, string? optionsParameter, CancellationToken cancellationToken)
    {
        Guard.Id(messageId, nameof(messageId));
        Guard.RequestOptions(requestOptions, nameof(requestOptions));
        RequireTenantForStoreApps(requestOptions, optionsParameter);
        return MessageReader.ReadResourcesAsync(_httpClient, FeishuRequestFactory.CreateMessageRequest(_apiRoot, messageId, requestOptions), messageId, cancellationToken);
    }
}
