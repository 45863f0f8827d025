using FeishuResources.TestSupport;

namespace FeishuResources.Tests.TestSupport;

/// <summary>A destination whose every write completes later, as a network or a slow disk's does; it hashes what it got.</summary>
/// <param name="firstWrite">What the first write waits for (by default a millisecond, as every later write): a test
/// passes a task it completes itself to know the write is still waiting.</param>
public sealed class Mut8RbsLateDestination(Task? firstWrite = null) : StubStream
{
    private readonly HashingSink _sink = new();
    private int _writes;

    public long Written => _sink.BytesWritten;

    public override bool CanWrite => true;

    public byte[] Hash() => _sink.Hash();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Task arrival = Interlocked.Increment(ref _writes) == 1 && firstWrite is not null ? firstWrite : Task.Delay(1, cancellationToken);
        await arrival.WaitAsync(cancellationToken).ConfigureAwait(false);
        _sink.Write(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => _sink.Write(buffer, offset, count);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sink.Dispose();
        }

        base.Dispose(disposing);
    }
}
