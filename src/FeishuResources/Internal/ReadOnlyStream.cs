using System;
using System.IO;

namespace FeishuResources.Internal;

/// <summary>
/// The common ground of the SDK's body streams: readable, forward-only, never writable. Subclasses
/// supply only the reads.
/// </summary>
internal abstract class ReadOnlyStream : Stream
{
    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The length of a network body is not known up front.");

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
