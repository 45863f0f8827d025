namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A network body stand-in whose asynchronous reads complete later — the read that finds the end too, as a socket's
/// does while it waits for the close — and that counts them. Synchronous reads stay synchronous.
/// </summary>
/// <param name="inner">The bytes.</param>
/// <param name="arrival">
/// Given the index of an asynchronous read and the bytes it got (0 at the end), what that read waits for before it
/// returns (a failed task fails the read: a connection reset); by default a millisecond. A test passes a task it
/// completes itself to know the read is still waiting.
/// </param>
public sealed class Mut8RbsLateStream(Stream inner, Func<int, int, Task>? arrival = null) : StubStream
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _asyncReads;

    public int AsyncReads => Volatile.Read(ref _asyncReads);

    /// <summary>Completes when the stream is disposed, as a connection's pending read learns it was closed.</summary>
    public Task Closed => _closed.Task;

    public override bool CanRead => true;

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int index = Interlocked.Increment(ref _asyncReads) - 1;
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        await (arrival?.Invoke(index, read) ?? Task.Delay(1, cancellationToken)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _closed.TrySetResult();
        }

        base.Dispose(disposing);
    }
}
