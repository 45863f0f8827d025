namespace FeishuResources.Tests.TestSupport;

/// <summary>
/// A body whose asynchronous reads complete later, on the thread pool, so each await on them really suspends — all
/// of them, or only those past its first <paramref name="immediateBytes"/> (which a peek at the body's start reads at once).
/// </summary>
public sealed class DelayedReadStream(byte[] data, int immediateBytes = 0) : StubStream
{
    private int _position;

    public override bool CanRead => true;

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= immediateBytes)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }

        int n = Math.Min(buffer.Length, data.Length - _position);
        data.AsMemory(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
