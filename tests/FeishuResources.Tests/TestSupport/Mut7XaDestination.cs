namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A caller's destination (bytes kept in memory) that records its flushes and can fail at once — throwing from
/// the call itself, not through a faulted task — on its writes or its flushes, as a closed pipe does.
/// </summary>
public sealed class Mut7XaDestination : StubStream
{
    private readonly MemoryStream _bytes = new();

    public Exception? FailWrites { get; init; }

    public Exception? FailFlushes { get; init; }

    public int Flushes { get; private set; }

    public byte[] Bytes => _bytes.ToArray();

    public override bool CanWrite => true;

    public override void Flush()
    {
        Fail(FailFlushes);
        Flushes++;
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Fail(FailWrites);
        _bytes.Write(buffer, offset, count);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Fail(FailWrites);
        _bytes.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    private static void Fail(Exception? failure)
    {
        if (failure is not null)
        {
            throw failure;
        }
    }
}
