using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Content;
using FeishuResources.Diagnostics;
using FeishuResources.Errors;
using FeishuResources.Http;
using FeishuResources.Internal;
using FeishuResources.Resilience;
using FeishuResources.Transfers;

namespace FeishuResources;

/// <summary>
/// The <see cref="IFeishuResourceClient"/> over one name's HttpClient: validates ids, sends the request
/// through the SDK's handlers, and wraps the response as a streaming <see cref="FeishuDownload"/>.
/// </summary>
internal sealed partial class HttpFeishuResourceClient : IFeishuResourceClient
{
    private readonly HttpClient _httpClient;
    private readonly FeishuResourcesOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly TransferSettings _settings;
    private readonly string _apiRoot;

    public HttpFeishuResourceClient(HttpClient httpClient, FeishuResourcesOptions options, TimeProvider timeProvider)
    {
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider;
        _settings = TransferSettings.From(_options);
        _apiRoot = FeishuRequestFactory.ApiRoot(_options.BaseAddress);
    }

    public Task<FeishuDownload> DownloadFileAsync(string fileKey, CancellationToken cancellationToken = default)
        => DownloadFileCoreAsync(fileKey, null, optionsParameter: null, cancellationToken);

    public Task<FeishuDownload> DownloadFileAsync(string fileKey, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
        => DownloadFileCoreAsync(fileKey, requestOptions, nameof(requestOptions), cancellationToken);

    public Task<FeishuDownload> DownloadMessageResourceAsync(string messageId, string fileKey, FeishuResourceType type, CancellationToken cancellationToken = default)
        => DownloadMessageResourceCoreAsync(messageId, fileKey, type, null, optionsParameter: null, cancellationToken);

    public Task<FeishuDownload> DownloadMessageResourceAsync(string messageId, string fileKey, FeishuResourceType type, FeishuRequestOptions? requestOptions, CancellationToken cancellationToken = default)
        => DownloadMessageResourceCoreAsync(messageId, fileKey, type, requestOptions, nameof(requestOptions), cancellationToken);

    private Task<FeishuDownload> DownloadFileCoreAsync(string fileKey, FeishuRequestOptions? requestOptions, string? optionsParameter, CancellationToken cancellationToken)
    {
        Guard.Id(fileKey, nameof(fileKey));
        Guard.RequestOptions(requestOptions, nameof(requestOptions));
        RequireTenantForStoreApps(requestOptions, optionsParameter);
        return SendAsync(FeishuRequestFactory.CreateFileRequest(_apiRoot, fileKey, requestOptions), messageId: null, cancellationToken);
    }

    private Task<FeishuDownload> DownloadMessageResourceCoreAsync(string messageId, string fileKey, FeishuResourceType type, FeishuRequestOptions? requestOptions, string? optionsParameter, CancellationToken cancellationToken)
    {
        Guard.Id(messageId, nameof(messageId));
        Guard.Id(fileKey, nameof(fileKey));
        Guard.Defined(type, nameof(type));
        Guard.RequestOptions(requestOptions, nameof(requestOptions));
        RequireTenantForStoreApps(requestOptions, optionsParameter);
        return SendAsync(FeishuRequestFactory.CreateMessageResourceRequest(_apiRoot, messageId, fileKey, type, requestOptions), messageId, cancellationToken);
    }

    /// <summary>
    /// A store app serves many tenants, so each call must say which one, unless it brings its own token.
    /// Called through an overload without request options, that is a misuse of the overload, not bad input.
    /// </summary>
    private void RequireTenantForStoreApps(FeishuRequestOptions? requestOptions, string? optionsParameter)
    {
        if (_options.AppType != FeishuAppType.Store || _options.UsesExternalTokenProvider
            || !string.IsNullOrWhiteSpace(requestOptions?.TenantKey) || !string.IsNullOrWhiteSpace(requestOptions?.AccessToken))
        {
            return;
        }

        const string Message = "Store apps act for one tenant per call: pass FeishuRequestOptions with TenantKey set.";
        throw optionsParameter is null ? new InvalidOperationException(Message) : new ArgumentException(Message, optionsParameter);
    }

    /// <summary>Runs the request phase inside the download's telemetry, when anyone listens.</summary>
    /// <remarks>Without listeners there is nothing to end on failure, so no extra state machine wraps the request phase.</remarks>
    // Stryker disable once Conditional : equivalent — with nobody listening, Start gets no activity and every instrument is disabled, so the traced path records nothing; it only allocates more.
    private Task<FeishuDownload> SendAsync(HttpRequestMessage request, string? messageId, CancellationToken cancellationToken)
        => DownloadTelemetry.IsWanted ? SendTracedAsync(request, messageId, cancellationToken) : SendCoreAsync(request, null, cancellationToken);

    /// <summary>
    /// Started inside an async method so that the download's activity, current while the request is sent,
    /// stops being current for the caller when the method returns. A failure of the request phase ends it.
    /// </summary>
    private async Task<FeishuDownload> SendTracedAsync(HttpRequestMessage request, string? messageId, CancellationToken cancellationToken)
    {
        DownloadTelemetry telemetry = DownloadTelemetry.Start(FeishuRequestContext.Get(request)!, _options.AppId, messageId);
        try
        {
            return await SendCoreAsync(request, telemetry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            telemetry.RequestFailed(ex);
            throw;
        }
    }

    private Task<FeishuDownload> SendCoreAsync(HttpRequestMessage request, DownloadTelemetry? telemetry, CancellationToken cancellationToken)
    {
        if (FileDownloader.SavesInParallel(_settings))
        {
            // The probe: the first range, whose Content-Range tells the total, so a save can fetch the rest in
            // parallel at once; a resource no larger than the range arrives whole in this one response.
            request.Headers.Range = new RangeHeaderValue(0, _settings.RangeChunkSize - 1);
        }

        return SendFirstAsync(request, telemetry, cancellationToken);
    }

    private async Task<FeishuDownload> SendFirstAsync(HttpRequestMessage request, DownloadTelemetry? telemetry, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (FeishuResourceTooLargeException tooLarge) when (_options.EnableRangedLargeDownloads)
        {
            return await DownloadInRangesAsync(request, telemetry, tooLarge, cancellationToken).ConfigureAwait(false);
        }
        catch (FeishuApiException refused) when (request.Headers.Range is not null && ProbeRefused(refused))
        {
            // An empty resource has no first range: ask for it whole.
            HttpRequestMessage whole = FeishuRequestFactory.CloneForRetry(request);
            // Stryker disable once Statement : equivalent — the SDK's requests are GETs without content, so disposing one frees nothing.
            request.Dispose();
            return await SendFirstAsync(whole, telemetry, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Stryker disable once Statement : equivalent — the SDK's requests are GETs without content, so disposing one frees nothing.
            request.Dispose();
            throw;
        }

        BodyPart? first = null;
        try
        {
            RangeRequester requester = NewRangeRequester(request, telemetry, chunkSize: null);
            // Stryker disable once Linq : equivalent — a Range the SDK sets (the probe's) holds exactly one range.
            first = await requester.WholeAsync(response, request.Headers.Range?.Ranges.First().To, cancellationToken).ConfigureAwait(false);
            return CreateDownload(first is { IsWhole: false, Total: > TransferSettings.WholeDownloadLimit } ? requester.Chunked(_settings.RangeChunkSize) : requester, first);
        }
        catch
        {
            // Stryker disable once Statement : equivalent — the part's body is the response's content stream, which the next line releases, and its idle watch has no timer before its first read.
            first?.Dispose();
            response.Dispose();
            throw;
        }
    }

    /// <summary>A refusal of the probe's range itself (416, an empty resource), not of the resource: worth asking once more without it.</summary>
    private static bool ProbeRefused(FeishuApiException refused)
        => refused.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable;

    /// <summary>
    /// The platform refuses resources over 100 MB whole (234037) but serves them in ranges: fetch the first
    /// chunk to learn the total, then hand out one stream that requests the other chunks as it is read.
    /// </summary>
    private async Task<FeishuDownload> DownloadInRangesAsync(HttpRequestMessage request, DownloadTelemetry? telemetry, FeishuResourceTooLargeException tooLarge, CancellationToken cancellationToken)
    {
        RangeRequester requester = NewRangeRequester(request, telemetry, _settings.RangeChunkSize);
        BodyPart first;
        try
        {
            first = await requester.GetAsync(0, _settings.RangeChunkSize - 1, knownTotal: null, received: 0, resume: false, synchronous: false, cancellationToken).ConfigureAwait(false);
        }
        catch (FeishuApiException refused) when (IsRefusalOfRanges(refused))
        {
            throw RangesRefused(tooLarge, "the ranged request was refused too", refused);
        }

        if (first.IsWhole || first.Total is null)
        {
            first.Dispose();
            throw RangesRefused(tooLarge, first.IsWhole ? "the server ignored the Range request" : "the ranged answer did not state the total length", null);
        }

        try
        {
            return CreateDownload(requester, first);
        }
        catch
        {
            first.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Only a business refusal of the range means "ranges are refused too"; a rate limit, an
    /// authentication failure or a transient fault says nothing about ranges and surfaces as itself.
    /// </summary>
    private static bool IsRefusalOfRanges(FeishuApiException refused)
        => refused is not (FeishuRateLimitedException or FeishuAuthenticationException) && !TransientFailure.IsTransient(refused);

    private static FeishuResourceTooLargeException RangesRefused(FeishuResourceTooLargeException tooLarge, string why, Exception? inner)
        => FeishuExceptionFactory.CreateRangesRefused(tooLarge, why, inner ?? tooLarge);

    /// <summary>Wraps the first response as the download: its metadata read once, its body the one resumable stream.</summary>
    private FeishuDownload CreateDownload(RangeRequester requester, BodyPart first)
    {
        long? total = first.Total;
        if (total > _settings.MaxDownloadBytes)
        {
            throw FeishuDownloadException.LimitExceeded(requester.ResourceKey, 0, total, _settings.MaxDownloadBytes, first.LogId);
        }

        requester.Telemetry?.Responded(first);
        HttpContentHeaders? headers = first.Response!.Content?.Headers;
        // Stryker disable once Conditional : equivalent — on .NET 5 and later a response's Content is never null, so headers is never null.
        return new FeishuDownload(
            new ResumableBodyStream(requester, first, requester.Rules, start: 0, total, end: total),
            requester.ResourceKey,
            headers?.ContentType?.ToString(),
            headers is null ? null : ContentDispositionParser.GetFileName(ResponseHeaderReader.First(headers, "Content-Disposition")),
            total,
            first.LogId,
            _timeProvider,
            _settings);
    }

    private RangeRequester NewRangeRequester(HttpRequestMessage request, DownloadTelemetry? telemetry, int? chunkSize)
    {
        var rules = new BodyRules(FeishuRequestContext.Get(request)!.ResourceKey, _settings.MaxDownloadBytes, _settings.MaxResumeAttempts, chunkSize, telemetry);
        return new(_httpClient, request, rules, _settings.BodyIdleTimeout, _timeProvider);
    }
}
