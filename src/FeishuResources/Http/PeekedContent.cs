using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Http;

/// <summary>
/// The content of a response whose first bytes <see cref="ResponseClassifier"/> already read to tell a JSON
/// file from an error: the original headers, the peeked bytes (a pooled buffer) and the rest of the network
/// stream. Reading it as a stream gives only the rest: its readers (a download's <c>BodyPart</c>,
/// <see cref="BoundedBody"/> for a JSON answer) take <see cref="Prefix"/> first themselves, so no extra stream
/// sits between the socket and the caller.
/// </summary>
internal sealed class PeekedContent : HttpContent
{
    private readonly HttpContent _original;
    private readonly Stream _rest;
    private readonly int _length;
    private byte[]? _buffer;

    /// <param name="original">The response's content, whose stream <paramref name="rest"/> is; disposed with this one.</param>
    /// <param name="buffer">Rented from <see cref="ArrayPool{T}.Shared"/>; returned when this content is disposed.</param>
    /// <param name="length">How many bytes of <paramref name="buffer"/> were read.</param>
    /// <param name="rest">The network stream, positioned after the peeked bytes.</param>
    public PeekedContent(HttpContent original, byte[] buffer, int length, Stream rest)
    {
        _original = original;
        _buffer = buffer;
        _length = length;
        _rest = rest;
        foreach (var header in original.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>The peeked bytes; empty once the content was disposed.</summary>
    public ArraySegment<byte> Prefix => _buffer is byte[] buffer ? new ArraySegment<byte>(buffer, 0, _length) : default;

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(_rest);

#if NET
    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult(_rest);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => _rest;
#endif

    /// <summary>Only for callers outside the SDK's body stream (none today): the whole body, peeked bytes first.</summary>
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        ArraySegment<byte> prefix = Prefix;
        // Stryker disable once NullCoalescing : equivalent — Array is null only after dispose, which HttpContent refuses before serializing.
        // Stryker disable once Boolean : equivalent — the SDK never serializes this content (its body stream reads the rest directly), so no caller's context reaches this await.
        await stream.WriteAsync(prefix.Array ?? [], prefix.Offset, prefix.Count).ConfigureAwait(false);
        // Stryker disable once Boolean : equivalent — the SDK never serializes this content (its body stream reads the rest directly), so no caller's context reaches this await.
        await _rest.CopyToAsync(stream).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rest.Dispose();
            _original.Dispose();
            byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        base.Dispose(disposing);
    }
}
