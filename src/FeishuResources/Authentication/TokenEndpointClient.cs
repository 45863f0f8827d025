using System;
using System.Buffers;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Errors;
using FeishuResources.Http;
using FeishuResources.Internal;
using Microsoft.Extensions.Options;

namespace FeishuResources.Authentication;

/// <summary>
/// Calls the platform's token endpoints with its own HttpClient, outside the download handlers and
/// their rate limits, and reads the <c>{code, msg, …}</c> answer.
/// </summary>
internal sealed class TokenEndpointClient
{
    /// <summary>The named HttpClient for token requests.</summary>
    public const string HttpClientName = "FeishuResources.TokenEndpoint";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly FeishuResourcesOptions _options;
    private readonly string _apiRoot;

    public TokenEndpointClient(IHttpClientFactory httpClientFactory, IOptions<FeishuResourcesOptions> options)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _apiRoot = FeishuRequestFactory.ApiRoot(_options.BaseAddress);
    }

    public FeishuResourcesOptions Options => _options;

    /// <summary>Posts <paramref name="body"/>; returns the answer, with <see cref="TokenEndpointAnswer.Error"/> set when it was a refusal.</summary>
    public async Task<TokenEndpointAnswer> PostAsync<TBody>(string path, TBody body, JsonTypeInfo<TBody> bodyType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_apiRoot + path, UriKind.Absolute))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, bodyType)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

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

    private static TokenEndpointAnswer Interpret(HttpResponseMessage response, byte[] buffer, int length)
    {
        PlatformResponse? parsed = ErrorBodyParser.TryParse(buffer.AsSpan(0, length));
        if (response.IsSuccessStatusCode && parsed is { Code: 0 })
        {
            return new TokenEndpointAnswer(parsed, null);
        }

        FeishuApiError error = FeishuApiErrorFactory.FromResponse(response, parsed, buffer, length);
        return new TokenEndpointAnswer(parsed, error);
    }
}
