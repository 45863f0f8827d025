using FeishuResources.Resilience;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Resilience;

public sealed class IdleTimeoutStreamTests
{
    /// <summary>A body that hands out one byte per read after the test releases it, and stalls otherwise.</summary>
    private sealed class TrickleStream : Stream
    {
        private readonly SemaphoreSlim _released = new(0);
        private bool _disposed;

        public void Release() => _released.Release();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            while (!await _released.WaitAsync(10, cancellationToken))
            {
                if (_disposed)
                {
                    throw new IOException("connection aborted");
                }
            }

            buffer[offset] = 1;
            return 1;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("the byte[] overload is exercised here");

        protected override void Dispose(bool disposing)
        {
            _disposed = true;
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_body_that_keeps_flowing_is_never_cut_off_however_long_it_takes()
    {
        var time = new FakeTimeProvider();
        var body = new TrickleStream();
        using var stream = new IdleTimeoutStream(body, TimeSpan.FromSeconds(5), time);
        var buffer = new byte[1];

        for (int i = 0; i < 20; i++)
        {
            Task<int> read = stream.ReadAsync(buffer, 0, 1);
            time.Advance(TimeSpan.FromSeconds(4));
            body.Release();
            Assert.Equal(1, await read.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task A_read_that_sees_no_byte_for_the_idle_timeout_fails_as_an_IOException()
    {
        var time = new FakeTimeProvider();
        using var stream = new IdleTimeoutStream(new TrickleStream(), TimeSpan.FromSeconds(5), time);

        Task<int> read = stream.ReadAsync(new byte[1], 0, 1);
        time.Advance(TimeSpan.FromSeconds(4.9));
        await FakeTimeDriver.SettleAsync();
        Assert.False(read.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.1));
        var ex = await Assert.ThrowsAsync<IOException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("BodyIdleTimeout", ex.Message);
    }

    [Fact]
    public async Task Time_between_reads_does_not_count_as_idle()
    {
        var time = new FakeTimeProvider();
        var body = new TrickleStream();
        using var stream = new IdleTimeoutStream(body, TimeSpan.FromSeconds(5), time);
        body.Release();
        Assert.Equal(1, await stream.ReadAsync(new byte[1], 0, 1));

        time.Advance(TimeSpan.FromMinutes(10));
        body.Release();

        Assert.Equal(1, await stream.ReadAsync(new byte[1], 0, 1).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
