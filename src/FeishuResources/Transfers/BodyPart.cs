using System;
using System.IO;
using System.Net.Http;

namespace FeishuResources.Transfers;

/// <summary>
/// One response carrying bytes of a resource: the whole body (HTTP 200) or a range of it (HTTP 206)
/// ending before <see cref="End"/>. Owns the response.
/// </summary>
internal sealed class BodyPart : IDisposable
{
    /// <param name="response">The response, or null for a body that did not come off the network (a model download).</param>
    /// <param name="body">The response's body stream.</param>
    /// <param name="isWhole">A 200: the body starts at the resource's first byte.</param>
    /// <param name="end">The offset just past the body's last byte, when known.</param>
    /// <param name="total">The resource's full length, when known.</param>
    /// <param name="logId">The response's log id.</param>
    public BodyPart(HttpResponseMessage? response, Stream body, bool isWhole, long? end, long? total, string? logId)
    {
        Response = response;
        Body = body;
        IsWhole = isWhole;
        End = end;
        Total = total;
        LogId = logId;
    }

    public HttpResponseMessage? Response { get; }

    public Stream Body { get; }

    /// <summary>A 200: the server sent the resource from its first byte, whatever range was asked for.</summary>
    public bool IsWhole { get; }

    /// <summary>The offset just past the body's last byte; unknown for a whole body without a length.</summary>
    public long? End { get; }

    /// <summary>The resource's full length, when known.</summary>
    public long? Total { get; }

    public string? LogId { get; }

    public void Dispose()
    {
        Body.Dispose();
        Response?.Dispose();
    }
}
