namespace FeishuResources.AspNetCore.Tests.TestSupport;

/// <summary>
/// Content that hands out its first bytes at once and the rest only after <see cref="Open"/>: a body the
/// server cannot have finished reading while the test still holds the gate.
/// </summary>
public sealed class GatedStream : Stream
{
    private readonly byte[] _bytes;
    private readonly int _before;
    private readonly TaskCompletionSource _gate;
    private int _position;

    public GatedStream(byte[] bytes, int before, TaskCompletionSource gate)
    {
        _bytes = bytes;
        _before = before;
        _gate = gate;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _bytes.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= _before)
        {
            await _gate.Task.WaitAsync(cancellationToken);
        }

        int limit = _position < _before ? _before : _bytes.Length;
        int count = Math.Min(buffer.Length, limit - _position);
        _bytes.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
