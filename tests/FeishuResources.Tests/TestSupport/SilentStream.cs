namespace FeishuResources.Tests.TestSupport;

/// <summary>A body whose bytes never come: each asynchronous read waits until it is cancelled.</summary>
public sealed class SilentStream : StubStream
{
    public override bool CanRead => true;

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
