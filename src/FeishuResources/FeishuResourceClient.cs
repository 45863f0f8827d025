using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Content;
using FeishuResources.Http;
using FeishuResources.Internal;
using FeishuResources.Resilience;
using FeishuResources.Transfers;
using Microsoft.Extensions.Options;

namespace FeishuResources;

/// <summary>
/// The <see cref="IFeishuResourceClient"/> behind dependency injection: validates ids, sends the request
/// through the SDK's handlers, and wraps the response as a streaming <see cref="FeishuDownload"/>.
/// </summary>
internal sealed class FeishuResourceClient : IFeishuResourceClient
{
    private readonly HttpClient _httpClient;
    private readonly FeishuResourcesOptions _options;
    private readonly TimeProvider _timeProvider;

    public FeishuResourceClient(HttpClient httpClient, IOptions<FeishuResourcesOptions> options, TimeProvider timeProvider)
    {
        _httpClient = httpClient;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    public Task<FeishuDownload> DownloadFileAsync(string fileKey, CancellationToken cancellationToken = default)
        => DownloadFileAsync(fileKey, null, cancellationToken);

    public Task<FeishuDownload> DownloadFileAsync(string fileKey, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(fileKey, nameof(fileKey));
        RequireTenantForStoreApps(requestOptions);
        return SendAsync(FeishuRequestFactory.CreateFileRequest(_options.BaseAddress, fileKey, requestOptions), cancellationToken);
    }

    public Task<FeishuDownload> DownloadMessageResourceAsync(string messageId, string fileKey, FeishuResourceType type, CancellationToken cancellationToken = default)
        => DownloadMessageResourceAsync(messageId, fileKey, type, null, cancellationToken);

    public Task<FeishuDownload> DownloadMessageResourceAsync(string messageId, string fileKey, FeishuResourceType type, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(messageId, nameof(messageId));
        Guard.NotNullOrWhiteSpace(fileKey, nameof(fileKey));
        Guard.Defined(type, nameof(type));
        RequireTenantForStoreApps(requestOptions);
        return SendAsync(FeishuRequestFactory.CreateMessageResourceRequest(_options.BaseAddress, messageId, fileKey, type, requestOptions), cancellationToken);
    }

    /// <summary>A store app serves many tenants, so each call must say which one, unless it brings its own token.</summary>
    private void RequireTenantForStoreApps(FeishuRequestOptions? requestOptions)
    {
        if (_options.AppType == FeishuAppType.Store && !_options.UsesExternalTokenProvider
            && string.IsNullOrWhiteSpace(requestOptions?.TenantKey) && string.IsNullOrWhiteSpace(requestOptions?.AccessToken))
        {
            throw new ArgumentException("Store apps act for one tenant per call: set FeishuRequestOptions.TenantKey.", nameof(requestOptions));
        }
    }

    private async Task<FeishuDownload> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            request.Dispose();
            throw;
        }

        try
        {
            return await CreateDownloadAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<FeishuDownload> CreateDownloadAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        FeishuRequestContext context = FeishuRequestContext.Get(request)!;
        HttpContent content = response.Content!;
        string? logId = ResponseHeaderReader.GetLogId(response);
        long? contentLength = content.Headers.ContentLength;
#if NET5_0_OR_GREATER
        Stream network = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        Stream network = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        if (_options.Timeouts.BodyIdleTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            network = new IdleTimeoutStream(network, _options.Timeouts.BodyIdleTimeout, _timeProvider);
        }

        return new FeishuDownload(
            new DownloadStream(network, contentLength, context.ResourceKey, logId),
            context.ResourceKey,
            content.Headers.ContentType?.MediaType,
            ContentDispositionParser.GetFileName(ResponseHeaderReader.GetContentDisposition(response)),
            contentLength,
            logId,
            response,
            _timeProvider);
    }
}
