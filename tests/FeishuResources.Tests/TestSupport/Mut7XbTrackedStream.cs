namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A network body stand-in over another stream: it records whether it was read synchronously or asynchronously and
/// whether it was released, and can make every asynchronous read that brings bytes complete later, as a socket's
/// would (a read that fails, fails at once: the failure is then met on the thread that asked).
/// </summary>
public sealed class Mut7XbTrackedStream(Stream inner, bool lateReads = false) : StubStream
{
    private int _syncReads;
    private int _disposed;

    public int SyncReads => Volatile.Read(ref _syncReads);

    public bool Disposed => Volatile.Read(ref _disposed) != 0;

    public override bool CanRead => true;

    public override int Read(byte[] buffer, int offset, int count)
    {
        Interlocked.Increment(ref _syncReads);
        return inner.Read(buffer, offset, count);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (lateReads && read > 0)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
