namespace FeishuResources.Tests.TestSupport;

/// <summary>A readable body that records whether it was disposed: a response the SDK must close shows whether it did.</summary>
public sealed class Mut7XcDisposeRecordingStream(Stream inner) : StubStream
{
    public bool Disposed { get; private set; }

    public override bool CanRead => true;

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => inner.ReadAsync(buffer, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        inner.Dispose();
        base.Dispose(disposing);
    }
}
