using System;
using System.Collections.Generic;
using System.Threading;

namespace FeishuResources.Testing;

/// <summary>One request as the emulator received it. The <c>Authorization</c> value is never kept.</summary>
public sealed class FeishuEmulatorRequest
{
    /// <summary>The value recorded in place of the <c>Authorization</c> header's value.</summary>
    public const string RedactedValue = "(redacted)";

    private int _statusCode;

    internal FeishuEmulatorRequest(FeishuEmulatorApi api, string method, string pathAndQuery, IReadOnlyList<KeyValuePair<string, string>> headers, DateTimeOffset startedAt, string? resourceKey, string logId)
    {
        Api = api;
        Method = method;
        PathAndQuery = pathAndQuery;
        Headers = headers;
        StartedAt = startedAt;
        ResourceKey = resourceKey;
        LogId = logId;
    }

    /// <summary>The API the request addressed.</summary>
    public FeishuEmulatorApi Api { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path and query exactly as sent (still percent-encoded).</summary>
    public string PathAndQuery { get; }

    /// <summary>The request headers in arrival order; <c>Authorization</c> has the value <see cref="RedactedValue"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>When the request arrived, by the emulator's <see cref="FeishuEmulatorOptions.TimeProvider"/>.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The resource key of a download request; <see langword="null"/> for other APIs.</summary>
    public string? ResourceKey { get; }

    /// <summary>The <c>X-Tt-Logid</c> answered to this request (also the <c>error.log_id</c> of an error body).</summary>
    public string LogId { get; }

    /// <summary>The HTTP status answered; 0 until the response has started.</summary>
    public int StatusCode => Volatile.Read(ref _statusCode);

    internal void SetStatusCode(int statusCode) => Volatile.Write(ref _statusCode, statusCode);
}
