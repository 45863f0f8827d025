namespace FeishuResources.Tests.TestSupport;

/// <summary>Content that hands out its stream as it is (no wrapper between the SDK and the stream's own copy); records its disposal.</summary>
public sealed class Mut7XaDirectContent(Stream body) : HttpContent
{
    /// <summary>True once the content (so the response owning it) was disposed.</summary>
    public bool Disposed { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => body.CopyToAsync(stream);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(body);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult(body);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => body;

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
