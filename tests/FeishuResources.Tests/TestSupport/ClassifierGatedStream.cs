namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A body that hands out its first <paramref name="immediateBytes"/> at once and holds every read past them —
/// synchronous or not — until <see cref="Release"/>; an asynchronous read held there ends when its token is cancelled.
/// </summary>
public sealed class ClassifierGatedStream(byte[] data, int immediateBytes) : StubStream
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    /// <summary>Completes when a read first waits at the gate.</summary>
    public TaskCompletionSource ReadHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;

    public void Release() => _released.TrySetResult();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (AtGate)
        {
            ReadHeld.TrySetResult();
            _released.Task.Wait();
        }

        return Copy(buffer.AsSpan(offset, count));
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => await ReadAsync(buffer.AsMemory(offset, count), cancellationToken);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (AtGate)
        {
            ReadHeld.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        return Copy(buffer.Span);
    }

    private bool AtGate => _position >= immediateBytes && !_released.Task.IsCompleted;

    private int Copy(Span<byte> destination)
    {
        int end = _released.Task.IsCompleted ? data.Length : immediateBytes;
        int count = Math.Min(destination.Length, end - _position);
        data.AsSpan(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }
}
