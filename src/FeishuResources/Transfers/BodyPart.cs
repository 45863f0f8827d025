using System;
using System.IO;
using System.Net.Http;
using FeishuResources.Http;

namespace FeishuResources.Transfers;

/// <summary>
/// One response carrying bytes of a resource: the whole body (HTTP 200) or a range of it (HTTP 206)
/// ending before <see cref="End"/>. Owns the response. When the classifier peeked at the body
/// (<see cref="PeekedContent"/>), the part hands out those bytes first, then reads <see cref="Body"/>.
/// </summary>
internal sealed class BodyPart : IDisposable
{
    private readonly PeekedContent? _peeked;
    private int _prefixTaken;

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
        _peeked = response?.Content as PeekedContent;
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

    /// <summary>Copies peeked bytes not handed out yet into <paramref name="destination"/>; 0 once they are all out.</summary>
    public int ReadPrefix(Span<byte> destination)
    {
        ArraySegment<byte> rest = TakePrefix(destination.Length);
        rest.AsSpan().CopyTo(destination);
        return rest.Count;
    }

    /// <summary>The peeked bytes not handed out yet, at most <paramref name="max"/>, now counted as handed out; empty once they are all out.</summary>
    /// <remarks>The buffer stays valid until the part is disposed, which returns it to the pool.</remarks>
    public ArraySegment<byte> TakePrefix(int max = int.MaxValue)
    {
        ArraySegment<byte> prefix = _peeked?.Prefix ?? default;
        int count = Math.Min(max, prefix.Count - _prefixTaken);
        if (count <= 0)
        {
            return default;
        }

        var taken = new ArraySegment<byte>(prefix.Array!, prefix.Offset + _prefixTaken, count);
        _prefixTaken += count;
        return taken;
    }

    public void Dispose()
    {
        Body.Dispose();
        Response?.Dispose();
    }
}
