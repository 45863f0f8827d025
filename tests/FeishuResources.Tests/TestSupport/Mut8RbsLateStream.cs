namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A network body stand-in whose every asynchronous read completes later — the read that finds the end too, as a
/// socket's does while it waits for the close — and that counts its asynchronous reads. Synchronous reads stay
/// synchronous.
/// </summary>
public sealed class Mut8RbsLateStream(Stream inner) : StubStream
{
    private int _asyncReads;

    public int AsyncReads => Volatile.Read(ref _asyncReads);

    public override bool CanRead => true;

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _asyncReads);
        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
