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
using FeishuResources.Resilience;

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
    private readonly TimeSpan _timeout;
    private readonly string _apiRoot;

    public TokenEndpointClient(IHttpClientFactory httpClientFactory, FeishuResourcesOptions options, TimeProvider timeProvider)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _timeProvider = timeProvider;
        TimeSpan attempt = _options.Timeouts.AttemptTimeout;
        _timeout = attempt == Timeout.InfiniteTimeSpan ? UnboundedAttemptFallback : attempt;
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

        HttpClient client = _httpClientFactory.CreateClient(HttpClientName);
        using TimeoutToken attempt = TimeoutToken.Start(_timeout, _timeProvider, cancellationToken);
        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            (byte[] buffer, int length) = await BoundedBody.ReadAsync(response, ResponseClassifier.MaxErrorBodyBytes, attempt.Token).ConfigureAwait(false);
            try
            {
                return Interpret(response, buffer, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (OperationCanceledException ex) when (attempt.TimedOut(cancellationToken))
        {
            throw new TimeoutException(
                string.Format(CultureInfo.InvariantCulture, "The token endpoint {0} gave no answer within {1:0.###} s (FeishuTimeoutOptions.AttemptTimeout).", path, _timeout.TotalSeconds),
                ex);
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
