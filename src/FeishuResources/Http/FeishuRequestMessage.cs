using System;
using System.Net.Http;

namespace FeishuResources.Http;

/// <summary>
/// A download request with its <see cref="FeishuRequestContext"/> as a field. Kept in
/// <see cref="HttpRequestMessage"/>'s options instead, the context would cost a dictionary per request.
/// </summary>
internal sealed class FeishuRequestMessage : HttpRequestMessage
{
    public FeishuRequestMessage(Uri requestUri, FeishuRequestContext context)
        : base(HttpMethod.Get, requestUri)
    {
        Context = context;
    }

    public FeishuRequestContext Context { get; }
}
