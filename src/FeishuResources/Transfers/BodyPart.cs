using System;
using System.IO;
using System.Net.Http;

namespace FeishuResources.Transfers;

/// <summary>
/// One response carrying bytes of a resource: the whole body (HTTP 200) or the range
/// [<see cref="From"/>, <see cref="End"/>) of it (HTTP 206). Owns the response.
/// </summary>
internal sealed class BodyPart : IDisposable
{
    public BodyPart(HttpResponseMessage response, Stream body, bool isWhole, long from, long? end, long? total, string? logId)
    {
        Response = response;
        Body = body;
        IsWhole = isWhole;
        From = from;
        End = end;
        Total = total;
        LogId = logId;
    }

    public HttpResponseMessage Response { get; }

    public Stream Body { get; }

    /// <summary>A 200: the server sent the resource from its first byte, whatever range was asked for.</summary>
    public bool IsWhole { get; }

    /// <summary>The offset of the body's first byte within the resource.</summary>
    public long From { get; }

    /// <summary>The offset just past the body's last byte; unknown for a whole body without a length.</summary>
    public long? End { get; }

    /// <summary>The resource's full length, when known.</summary>
    public long? Total { get; }

    public string? LogId { get; }

    public void Dispose()
    {
        Body.Dispose();
        Response.Dispose();
    }
}
