using System.Net;

namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// Content whose stream is handed out only after a real delay, as a handler that opens its body lazily (a cache, a
/// decompressor, a proxy) does: every await on opening it really suspends.
/// </summary>
public sealed class Mut7XbLateOpeningContent(Stream body, long? declaredLength) : HttpContent
{
    protected override async Task<Stream> CreateContentReadStreamAsync()
    {
        await Task.Delay(1).ConfigureAwait(false);
        return body;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => body.CopyToAsync(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = declaredLength ?? 0;
        return declaredLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
        }

        base.Dispose(disposing);
    }
}
