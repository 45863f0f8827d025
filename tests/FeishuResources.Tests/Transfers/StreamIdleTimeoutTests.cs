using FeishuResources.Transfers;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// The idle watch of a body, read synchronously, after a stall, with the caller's tokens, and around copies:
/// each test moves fake time only, and waits for the watch (a due timer) before it does.
/// </summary>
public sealed class StreamIdleTimeoutTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    private const string StallMessage = "No data arrived for 5 s (FeishuTimeoutOptions.BodyIdleTimeout); the download stalled.";

    /// <summary>A connection that hands out one byte per <see cref="Release"/>, read synchronously or not, and waits otherwise.</summary>
    private sealed class Connection : StubStream
    {
        private readonly SemaphoreSlim _released = new(0);
        private volatile bool _disposed;
        private volatile bool _ended;
        private int _reads;

        public bool Disposed => _disposed;

        public int Reads => Volatile.Read(ref _reads);

        public override bool CanRead => true;

        public void Release() => _released.Release();

        /// <summary>Makes the next read end the body.</summary>
        public void End()
        {
            _ended = true;
            _released.Release();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Interlocked.Increment(ref _reads);
            while (!_released.Wait(10))
            {
                if (_disposed)
                {
                    throw new ObjectDisposedException("connection");
                }
            }

            return Give(buffer.AsSpan(offset, count));
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            if (_ended)
            {
                return 0;
            }

            await _released.WaitAsync(cancellationToken);
            return Give(buffer.AsSpan(offset, count));
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            byte[] one = new byte[1];
            int read = await ReadAsync(one, 0, 1, cancellationToken);
            one.AsSpan(0, read).CopyTo(buffer.Span);
            return read;
        }

        /// <summary>A copy of its own, as a network stream has: each released byte is written as it arrives.</summary>
        public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
        {
            var buffer = new byte[1];
            while (await ReadAsync(buffer, 0, 1, cancellationToken) > 0)
            {
                await destination.WriteAsync(buffer, cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            _disposed = true;
            base.Dispose(disposing);
        }

        private int Give(Span<byte> buffer)
        {
            if (_ended)
            {
                return 0;
            }

            buffer[0] = 1;
            return 1;
        }
    }

    /// <summary>A destination that takes each write only when the test lets it.</summary>
    private sealed class GatedDestination : StubStream
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _waiting;

        public bool Waiting => _waiting;

        public override bool CanWrite => true;

        public void Open() => _gate.TrySetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _waiting = true;
            await _gate.Task.WaitAsync(cancellationToken);
            _waiting = false;
        }
    }

    [Fact]
    public async Task A_synchronous_read_that_sees_no_byte_for_the_idle_timeout_is_ended_and_fails_as_a_stall()
    {
        var time = new TestClock();
        var connection = new Connection();
        using var stream = new IdleTimeoutStream(connection, Idle, time);

        Task<int> read = Task.Factory.StartNew(() => stream.Read(new byte[1], 0, 1), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await FakeTimeDriver.EventuallyAsync(() => time.HasTimerDueIn(Idle), "the synchronous read is watched");
        time.Advance(Idle);

        var ex = await Assert.ThrowsAsync<IOException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StallMessage, ex.Message);
        Assert.True(connection.Disposed, "a synchronous read cannot be cancelled, so the connection beneath is closed");
    }

    [Fact]
    public async Task A_body_that_stalled_fails_every_later_read_and_copy_without_reading_the_connection()
    {
        var time = new TestClock();
        var connection = new Connection();
        using var stream = new IdleTimeoutStream(connection, Idle, time);
        Task<int> read = stream.ReadAsync(new byte[1], 0, 1);
        await FakeTimeDriver.EventuallyAsync(() => time.HasTimerDueIn(Idle), "the read is watched");
        time.Advance(Idle);
        await Assert.ThrowsAsync<IOException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
        int reads = connection.Reads;
        connection.Release();
        connection.Release();

        Assert.Equal(StallMessage, Assert.Throws<IOException>(() => stream.Read(new byte[1], 0, 1)).Message);
        using var caller = new CancellationTokenSource();
        var asyncEx = await Assert.ThrowsAsync<IOException>(() => stream.ReadAsync(new byte[1], 0, 1, caller.Token));
        Assert.Equal(StallMessage, asyncEx.Message);
        Assert.Equal(reads, connection.Reads);
    }

    [Fact]
    public async Task Time_after_a_synchronous_read_does_not_count_as_idle_and_a_later_stall_leaves_the_connection_open()
    {
        var time = new TestClock();
        var connection = new Connection();
        using var stream = new IdleTimeoutStream(connection, Idle, time);
        connection.Release();
        Assert.Equal(1, stream.Read(new byte[1], 0, 1));

        time.Advance(TimeSpan.FromMinutes(10));
        connection.Release();
        Assert.Equal(1, stream.Read(new byte[1], 0, 1));

        Task<int> stalled = stream.ReadAsync(new byte[1], 0, 1);
        await FakeTimeDriver.EventuallyAsync(() => time.HasTimerDueIn(Idle), "the read is watched");
        time.Advance(Idle);
        await Assert.ThrowsAsync<IOException>(() => stalled.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(connection.Disposed, "an asynchronous read is cancelled through its token, not by closing the connection");
    }

    [Fact]
    public async Task Time_after_a_read_that_waited_for_the_network_does_not_count_as_idle()
    {
        var time = new TestClock();
        var connection = new Connection();
        using var stream = new IdleTimeoutStream(connection, Idle, time);
        Task<int> waited = stream.ReadAsync(new byte[1], 0, 1);
        await FakeTimeDriver.EventuallyAsync(() => time.HasTimerDueIn(Idle), "the read is watched");
        connection.Release();
        Assert.Equal(1, await waited.WaitAsync(TimeSpan.FromSeconds(10)));

        time.Advance(TimeSpan.FromMinutes(10));
        connection.Release();

        Assert.Equal(1, await stream.ReadAsync(new byte[1], 0, 1).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Time_after_a_copy_that_waited_for_the_network_does_not_count_as_idle()
    {
        var time = new TestClock();
        var connection = new Connection();
        using var stream = new IdleTimeoutStream(connection, Idle, time);
        var sink = new MemoryStream();
        Task copy = stream.CopyToAsync(sink);
        await FakeTimeDriver.EventuallyAsync(() => time.HasTimerDueIn(Idle), "the copy is watched");
        connection.Release();
        await FakeTimeDriver.EventuallyAsync(() => sink.Length == 1, "the byte was copied");
        connection.End();
        await copy.WaitAsync(TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(0, await stream.ReadAsync(new byte[1], 0, 1).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_read_is_cancelled_by_the_token_of_its_own_caller_even_after_reads_with_another_token()
    {
        var time = new TestClock();
        var connection = new Connection();
        using var stream = new IdleTimeoutStream(connection, Idle, time);
        using var first = new CancellationTokenSource();
        connection.Release();
        Assert.Equal(1, await stream.ReadAsync(new byte[1], 0, 1, first.Token));

        using var second = new CancellationTokenSource();
        Task<int> read = stream.ReadAsync(new byte[1], 0, 1, second.Token);
        await FakeTimeDriver.EventuallyAsync(() => time.HasTimerDueIn(Idle), "the read is waiting");
        second.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Disposing_the_body_closes_the_connection()
    {
        var connection = new Connection();
        var stream = new IdleTimeoutStream(connection, Idle, new TestClock());

        stream.Dispose();

        Assert.True(connection.Disposed);
    }

    [Fact]
    public async Task A_copy_whose_first_block_arrived_at_once_still_fails_when_the_network_then_goes_silent()
    {
        var time = new TestClock();
        var connection = new Connection();
        using var stream = BodyOver(new IdleTimeoutStream(connection, Idle, time));
        var sink = new MemoryStream();
        connection.Release();

        Task copy = stream.CopyToAsync(sink);
        await FakeTimeDriver.EventuallyAsync(() => sink.Length == 1 && time.HasTimerDueIn(Idle), "after the first block the copy waits for the network under watch");
        time.Advance(Idle);

        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => copy.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StallMessage, Assert.IsType<IOException>(ex.InnerException).Message);
    }

    [Fact]
    public async Task A_copy_that_goes_waiting_while_the_destination_takes_its_first_block_is_not_a_stall()
    {
        var time = new TestClock();
        var connection = new Connection();
        using var stream = BodyOver(new IdleTimeoutStream(connection, Idle, time));
        var destination = new GatedDestination();
        connection.Release();

        Task copy = stream.CopyToAsync(destination);
        await FakeTimeDriver.EventuallyAsync(() => destination.Waiting, "the destination is taking the first block");
        time.Advance(TimeSpan.FromMinutes(10));
        await FakeTimeDriver.SettleAsync();
        Assert.False(copy.IsCompleted);

        destination.Open();
        connection.End();
        await copy.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The download body over the watched stream: its copy pauses the watch while the destination takes a block.</summary>
    private static ResumableBodyStream BodyOver(IdleTimeoutStream watched)
        => new(null, new BodyPart(null, watched, isWhole: true, end: null, total: null, logId: null), new BodyRules("k", MaxBytes: null, MaxResumeAttempts: 0, ChunkSize: null, Telemetry: null), start: 0, total: null, end: null);
}
