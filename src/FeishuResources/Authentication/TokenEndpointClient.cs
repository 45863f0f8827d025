using System;
using System.Buffers;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Errors;
using FeishuResources.Http;
using FeishuResources.Internal;
using Polly;
using Polly.Timeout;

namespace FeishuResources.Authentication;

/// <summary>
/// Calls the platform's token endpoints with its own HttpClient, outside the download handlers and
/// their rate limits, and reads the <c>{code, msg, …}</c> answer. The client follows no redirect (see
/// <see cref="RedirectRefusal"/>) and has no timeout of its own: each request is bounded here, on the
/// SDK's clock, and a silent endpoint ends as a <see cref="TimeoutException"/>, which the download
/// retries as transient — never as an <see cref="OperationCanceledException"/> nobody asked for.
/// </summary>
internal sealed class TokenEndpointClient
{
    /// <summary>The named HttpClient for token requests.</summary>
    public const string HttpClientName = "FeishuResources.TokenEndpoint";

    /// <summary>
    /// The bound of a token request when <see cref="FeishuTimeoutOptions.AttemptTimeout"/> is infinite: one
    /// request serves every caller waiting for a token, so it must end even when nobody set a limit.
    /// </summary>
    private static readonly TimeSpan UnboundedAttemptFallback = TimeSpan.FromSeconds(30);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly FeishuResourcesOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Bounds the whole exchange, answer body included, on the SDK's clock.</summary>
    private readonly ResiliencePipeline _timeout;

    private readonly string _apiRoot;

    public TokenEndpointClient(IHttpClientFactory httpClientFactory, FeishuResourcesOptions options, TimeProvider timeProvider)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _timeProvider = timeProvider;
        TimeSpan attempt = _options.Timeouts.AttemptTimeout;
        _timeout = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "FeishuResources.TokenEndpoint" }
            .AddTimeout(attempt == Timeout.InfiniteTimeSpan ? UnboundedAttemptFallback : attempt)
            .Build();
        _apiRoot = FeishuRequestFactory.ApiRoot(_options.BaseAddress);
    }

    public FeishuResourcesOptions Options => _options;

    /// <summary>Posts <paramref name="body"/>; returns the answer, with <see cref="TokenEndpointAnswer.Error"/> set when it issued no token.</summary>
    /// <exception cref="TimeoutException">No whole answer within the attempt timeout.</exception>
    public async Task<TokenEndpointAnswer> PostAsync<TBody>(string path, TBody body, JsonTypeInfo<TBody> bodyType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_apiRoot + path, UriKind.Absolute))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, bodyType)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        try
        {
            return await _timeout.ExecuteAsync(
                static (state, token) => new ValueTask<TokenEndpointAnswer>(state.Client.SendAsync(state.Request, token)),
                (Client: this, Request: request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                string.Format(CultureInfo.InvariantCulture, "The token endpoint {0} gave no answer within {1:0.###} s (FeishuTimeoutOptions.AttemptTimeout).", path, ex.Timeout.TotalSeconds),
                ex);
        }
    }

    private async Task<TokenEndpointAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpClient client = _httpClientFactory.CreateClient(HttpClientName);
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        (byte[] buffer, int length) = await BoundedBody.ReadAsync(response, ResponseClassifier.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            return Interpret(response, buffer, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private TokenEndpointAnswer Interpret(HttpResponseMessage response, byte[] buffer, int length)
    {
        PlatformResponse? parsed = ErrorBodyParser.TryParse(buffer.AsSpan(0, length));
        if (response.IsSuccessStatusCode && parsed is { Code: 0 })
        {
            return new TokenEndpointAnswer(parsed, null);
        }

        FeishuApiError error = FeishuApiErrorFactory.FromResponse(response, parsed, buffer, length);
        return new TokenEndpointAnswer(parsed, error, ResponseHeaderReader.GetRetryAfter(response, _timeProvider));
    }
}
