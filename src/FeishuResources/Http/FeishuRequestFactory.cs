using System;
using System.Net.Http;

namespace FeishuResources.Http;

/// <summary>
/// Builds the requests: escaped path segments, and the empty JSON body the platform wants. Paths
/// are appended to an <see cref="ApiRoot"/> that a client computes once, not once per request.
/// </summary>
internal static class FeishuRequestFactory
{
    private const string FilesPath = "open-apis/im/v1/files/";
    private const string MessagesPath = "open-apis/im/v1/messages/";

    public static HttpRequestMessage CreateFileRequest(string apiRoot, string fileKey, FeishuRequestOptions? options)
    {
        var uri = new Uri(apiRoot + FilesPath + EscapeSegment(fileKey, nameof(fileKey)), UriKind.Absolute);
        return Create(uri, new FeishuRequestContext(FeishuApi.Files, fileKey, options));
    }

    public static HttpRequestMessage CreateMessageResourceRequest(string apiRoot, string messageId, string fileKey, FeishuResourceType type, FeishuRequestOptions? options)
    {
        string typeValue = type == FeishuResourceType.Image ? "image" : "file";
        var uri = new Uri(apiRoot + MessagesPath + EscapeSegment(messageId, nameof(messageId)) + "/resources/" + EscapeSegment(fileKey, nameof(fileKey)) + "?type=" + typeValue, UriKind.Absolute);
        return Create(uri, new FeishuRequestContext(FeishuApi.MessageResources, fileKey, options));
    }

    /// <summary>Reading a message (and a merge-forward's sub-messages): <c>GET /open-apis/im/v1/messages/{message_id}</c>.</summary>
    public static HttpRequestMessage CreateMessageRequest(string apiRoot, string messageId, FeishuRequestOptions? options)
    {
        var uri = new Uri(apiRoot + MessagesPath + EscapeSegment(messageId, nameof(messageId)), UriKind.Absolute);
        return Create(uri, new FeishuRequestContext(FeishuApi.Messages, messageId, options));
    }

    /// <summary>One page of a chat's or thread's messages: <c>GET /open-apis/im/v1/messages?{query}</c>.</summary>
    /// <param name="apiRoot">The client's <see cref="ApiRoot"/>.</param>
    /// <param name="query">The query, its values already escaped.</param>
    /// <param name="containerId">The chat or thread id, the request's key for the handlers and logs.</param>
    /// <param name="options">The caller's per-call choices.</param>
    public static HttpRequestMessage CreateMessageListRequest(string apiRoot, string query, string containerId, FeishuRequestOptions? options)
    {
        var uri = new Uri(apiRoot + MessagesPath.TrimEnd('/') + "?" + query, UriKind.Absolute);
        return Create(uri, new FeishuRequestContext(FeishuApi.MessageList, containerId, options));
    }

    /// <summary>A copy of a request for another attempt (a resume or a ranged chunk), with the same context.</summary>
    public static HttpRequestMessage CloneForRetry(HttpRequestMessage original)
    {
        // Stryker disable once String : equivalent — unreachable: every request the SDK clones was built by the factory, which attaches the context.
        FeishuRequestContext context = FeishuRequestContext.Get(original)
            ?? throw new InvalidOperationException("The request was not built by FeishuRequestFactory.");
        return Create(original.RequestUri!, context);
    }

    /// <summary>The base address as the prefix of API paths: without query or fragment, ending in one slash.</summary>
    public static string ApiRoot(Uri baseAddress)
    {
        string root = baseAddress.GetLeftPart(UriPartial.Path);
        return root.EndsWith("/", StringComparison.Ordinal) ? root : root + "/";
    }

    /// <summary>
    /// Escapes an id as one path segment: '/', '?', '#' and '%' are percent-encoded. An id of "." or ".."
    /// cannot be escaped: '.' is unreserved, so "%2E%2E" means ".." to System.Uri and to every gateway
    /// (RFC 3986, 2.3) and would climb to the parent path. No resource has such a key, so it is refused.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is "." or "..".</exception>
    public static string EscapeSegment(string value, string parameterName)
    {
        if (value is "." or "..")
        {
            throw new ArgumentException($"{parameterName} '{value}' is a relative path, not a Feishu id.", parameterName);
        }

        return Uri.EscapeDataString(value);
    }

    private static HttpRequestMessage Create(Uri uri, FeishuRequestContext context)
    {
        var request = new FeishuRequestMessage(uri, context)
        {
            // The files endpoint only sends Content-Disposition when the request says it is JSON; the
            // body stays empty (Content-Length: 0) because gateways answer 411 or hang on a GET body.
            Content = new ByteArrayContent(Array.Empty<byte>()),
        };

        // Unvalidated, the constant goes on the wire as it is, without a MediaTypeHeaderValue parsed per request.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return request;
    }
}
