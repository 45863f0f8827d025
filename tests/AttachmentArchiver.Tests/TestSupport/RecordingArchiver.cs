using System.Threading.Channels;
using FeishuResources.Samples.AttachmentArchiver;

namespace AttachmentArchiver.Tests.TestSupport;

/// <summary>The fake behind the seam: records each call and each archived message, and runs a test's behaviour first.</summary>
public sealed class RecordingArchiver : IMessageArchiver
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<ReceivedMessage> _started = Channel.CreateUnbounded<ReceivedMessage>();
    private readonly Channel<ReceivedMessage> _archived = Channel.CreateUnbounded<ReceivedMessage>();

    /// <summary>Runs before a message counts as archived; may wait or throw.</summary>
    public Func<ReceivedMessage, CancellationToken, Task>? Behaviour { get; set; }

    public async Task ArchiveAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        _started.Writer.TryWrite(message);
        if (Behaviour is not null)
        {
            await Behaviour(message, cancellationToken);
        }

        _archived.Writer.TryWrite(message);
    }

    /// <summary>The next message the worker handed over (archived or not).</summary>
    public Task<ReceivedMessage> NextStartedAsync() => _started.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    /// <summary>The next message archived without failure.</summary>
    public Task<ReceivedMessage> NextArchivedAsync() => _archived.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    /// <summary>Whether a message was archived and not yet taken by <see cref="NextArchivedAsync"/>.</summary>
    public bool HasMoreArchived => _archived.Reader.TryPeek(out _);
}
