namespace FeishuResources.Tests.TestSupport;

/// <summary>A read-only stream of unknown length, as a chunked response body looks, optionally failing after some bytes.</summary>
public sealed class NonSeekableStream(byte[] data, int? failAfter = null) : Stream
{
    private int _position;

    public bool IsDisposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (failAfter is int limit && _position >= limit)
        {
            throw new IOException("The connection was reset.");
        }

        // Small reads exercise every buffer boundary of the code under test.
        int n = Math.Min(Math.Min(count, 7000), data.Length - _position);
        if (failAfter is int cap)
        {
            n = Math.Min(n, cap - _position);
        }

        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
