using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>The bounded queue between the endpoint, which acknowledges pushes at once, and the archiving worker.</summary>
public sealed class ArchiveQueue
{
    private readonly Channel<ReceivedMessage> _channel;

    /// <summary>Creates the queue with the configured capacity.</summary>
    /// <param name="options">Gives <see cref="ArchiverOptions.QueueCapacity"/>.</param>
    public ArchiveQueue(IOptions<ArchiverOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _channel = Channel.CreateBounded<ReceivedMessage>(new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true });
    }

    /// <summary>The worker's end.</summary>
    public ChannelReader<ReceivedMessage> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="message"/> without waiting.</summary>
    /// <param name="message">An acknowledged message.</param>
    /// <returns>False when the queue is full or closed for shutdown.</returns>
    public bool TryEnqueue(ReceivedMessage message) => _channel.Writer.TryWrite(message);

    /// <summary>Takes no more messages; those queued can still be read.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
