using Microsoft.Extensions.Options;

namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>
/// Remembers the most recent message ids, so a push the platform delivers twice is archived once. Keyed by
/// <c>message_id</c>, not <c>event_id</c>, as the event's doc asks; the oldest id is forgotten past the capacity.
/// </summary>
public sealed class MessageDeduplicator
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<string>> _seen = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _oldestFirst = new();
    private readonly Lock _lock = new();

    /// <summary>Creates the set with the configured capacity.</summary>
    /// <param name="options">Gives <see cref="ArchiverOptions.DeduplicationCapacity"/>.</param>
    public MessageDeduplicator(IOptions<ArchiverOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.DeduplicationCapacity;
    }

    /// <summary>Records <paramref name="messageId"/>.</summary>
    /// <param name="messageId">The id of a pushed message.</param>
    /// <returns>True the first time; false for a duplicate.</returns>
    public bool TryAdd(string messageId)
    {
        lock (_lock)
        {
            if (_seen.ContainsKey(messageId))
            {
                return false;
            }

            _seen.Add(messageId, _oldestFirst.AddLast(messageId));
            if (_oldestFirst.Count > _capacity)
            {
                _seen.Remove(_oldestFirst.First!.Value);
                _oldestFirst.RemoveFirst();
            }

            return true;
        }
    }

    /// <summary>Forgets <paramref name="messageId"/>, so that the platform's next delivery of it is taken.</summary>
    /// <param name="messageId">An id that could not be queued.</param>
    public void Forget(string messageId)
    {
        lock (_lock)
        {
            if (_seen.Remove(messageId, out LinkedListNode<string>? node))
            {
                _oldestFirst.Remove(node);
            }
        }
    }
}
