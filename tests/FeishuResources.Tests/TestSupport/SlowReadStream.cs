namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A body whose every asynchronous read completes later, on the thread pool, in pieces of at most 16 KiB: each await
/// on it really suspends, which is what a test of the caller's SynchronizationContext needs.
/// </summary>
public sealed class SlowReadStream(Stream inner) : StubStream
{
    private const int MaxPiece = 16 * 1024;

    public override bool CanRead => true;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, MaxPiece)], cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
