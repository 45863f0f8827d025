using FeishuResources.Transfers;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

public sealed class IdleTimeoutStreamTests
{
    /// <summary>A body that hands out one byte per read after the test releases it, and stalls otherwise.</summary>
    private sealed class TrickleStream : StubStream
    {
        private readonly SemaphoreSlim _released = new(0);
        private bool _disposed;
        private volatile bool _ended;

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

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            byte[] one = new byte[1];
            int read = await ReadAsync(one, 0, 1, cancellationToken);
            one.AsSpan(0, read).CopyTo(buffer.Span);
            return read;
        }

        /// <summary>Makes the next read (or the copy's next wait) end the body.</summary>
        public void End()
        {
            _ended = true;
            _released.Release();
        }

        /// <summary>A copy of its own, as a network stream has: each released byte is written as it arrives.</summary>
        public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
        {
            var buffer = new byte[1];
            while (await ReadAsync(buffer, 0, 1, cancellationToken) > 0 && !_ended)
            {
                await destination.WriteAsync(buffer, cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            _disposed = true;
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
    }

    [Fact]
    public async Task A_body_that_keeps_flowing_is_never_cut_off_however_long_it_takes()
    {
        var time = new TestClock();
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
        var time = new TestClock();
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
        var time = new TestClock();
        var body = new TrickleStream();
        using var stream = new IdleTimeoutStream(body, TimeSpan.FromSeconds(5), time);
        body.Release();
        Assert.Equal(1, await stream.ReadAsync(new byte[1], 0, 1));

        time.Advance(TimeSpan.FromMinutes(10));
        body.Release();

        Assert.Equal(1, await stream.ReadAsync(new byte[1], 0, 1).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>A destination that takes each write only when the test lets it.</summary>
    private sealed class GatedDestination : StubStream
    {
        private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Writes { get; private set; }

        public bool Waiting { get; private set; }

        public void Open() => _gate.TrySetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Waiting = true;
            await _gate.Task.WaitAsync(cancellationToken);
            _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Waiting = false;
            Writes++;
        }

        public override bool CanWrite => true;
    }

    [Fact]
    public async Task A_copy_fails_as_an_IOException_when_the_network_is_silent_for_the_idle_timeout()
    {
        var time = new TestClock();
        var body = new TrickleStream();
        using var stream = new IdleTimeoutStream(body, TimeSpan.FromSeconds(5), time);
        var sink = new MemoryStream();

        Task copy = stream.CopyToAsync(sink);
        await FakeTimeDriver.EventuallyAsync(() => time.HasTimerDueIn(TimeSpan.FromSeconds(5)), "the copy waits for the network under watch");
        time.Advance(TimeSpan.FromSeconds(4.9));
        await FakeTimeDriver.SettleAsync();
        Assert.False(copy.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.1));
        var ex = await Assert.ThrowsAsync<IOException>(() => copy.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("BodyIdleTimeout", ex.Message);
    }

    [Fact]
    public async Task A_copy_that_keeps_flowing_is_never_cut_off_however_long_it_takes()
    {
        var time = new TestClock();
        var body = new TrickleStream();
        using var stream = BodyOver(new IdleTimeoutStream(body, TimeSpan.FromSeconds(5), time));
        var sink = new MemoryStream();

        Task copy = stream.CopyToAsync(sink);
        for (int i = 1; i <= 20; i++)
        {
            await FakeTimeDriver.EventuallyAsync(() => time.HasTimerDueIn(TimeSpan.FromSeconds(5)), "the watch is re-armed after each block");
            time.Advance(TimeSpan.FromSeconds(4));
            body.Release();
            await FakeTimeDriver.EventuallyAsync(() => sink.Length == i, "the byte was copied");
        }

        body.End();
        await copy.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(20, sink.Length);
    }

    [Fact]
    public async Task A_copy_waiting_for_a_slow_destination_is_not_a_stall()
    {
        var time = new TestClock();
        var body = new TrickleStream();
        using var stream = BodyOver(new IdleTimeoutStream(body, TimeSpan.FromSeconds(5), time));
        var destination = new GatedDestination();

        Task copy = stream.CopyToAsync(destination);
        body.Release();
        await FakeTimeDriver.EventuallyAsync(() => destination.Waiting, "the copy writes the first byte");
        time.Advance(TimeSpan.FromMinutes(10));
        await FakeTimeDriver.SettleAsync();
        Assert.False(copy.IsCompleted);

        destination.Open();
        body.End();
        await copy.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, destination.Writes);
    }

    [Fact]
    public async Task A_copy_into_a_destination_that_is_slow_but_completes_at_once_is_not_a_stall()
    {
        var time = new TestClock();
        var body = new TrickleStream();
        using var stream = BodyOver(new IdleTimeoutStream(body, TimeSpan.FromSeconds(5), time));
        var destination = new ClockAdvancingDestination(time, TimeSpan.FromSeconds(6));

        Task copy = stream.CopyToAsync(destination);
        await FakeTimeDriver.EventuallyAsync(() => time.HasTimerDueIn(TimeSpan.FromSeconds(5)), "the copy waits for the network under watch");
        body.Release();
        await FakeTimeDriver.EventuallyAsync(() => destination.Writes == 1, "the byte was written");
        body.End();

        await copy.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// The download body over the watched stream: its copy tells the watch when the destination takes a block,
    /// which is what keeps a slow destination from counting as the network's silence.
    /// </summary>
    private static ResumableBodyStream BodyOver(IdleTimeoutStream watched)
        => new(null, new BodyPart(null, watched, isWhole: true, end: null, total: null, logId: null), new BodyRules("k", MaxBytes: null, MaxResumeAttempts: 0, ChunkSize: null, Telemetry: null), start: 0, total: null, end: null);

    /// <summary>A destination whose every write takes <paramref name="duration"/> of fake time before it returns, completed.</summary>
    private sealed class ClockAdvancingDestination(TestClock time, TimeSpan duration) : StubStream
    {
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public override bool CanWrite => true;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            time.Advance(duration);
            Interlocked.Increment(ref _writes);
            return default;
        }
    }
}
