namespace FeishuResources.Tests.TestSupport;

/// <summary>A read-only stream of unknown length, as a chunked response body looks, optionally failing after some bytes.</summary>
public sealed class NonSeekableStream(byte[] data, int? failAfter = null) : StubStream
{
    private int _position;

    public bool IsDisposed { get; private set; }

    public override bool CanRead => true;

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

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
