using System;
using System.Collections.Generic;

namespace FeishuResources.Testing.Messages;

/// <summary>
/// The messages of each chat and thread in creation order (ties in the order they were added), as the list API walks
/// them. A chat holds its ordinary messages and the first message of each thread; a thread holds its first message and
/// every reply, as the platform lists them.
/// </summary>
internal sealed class ChatStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<ListedMessage>> _chats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ListedMessage>> _threads = new(StringComparer.Ordinal);
    private long _sequence;

    public void Add(EmulatedMessage message)
    {
        lock (_gate)
        {
            var listed = new ListedMessage(message, _sequence++);
            List<ListedMessage> chat = GetOrAdd(_chats, message.ChatId);
            if (message.ThreadId is not { } threadId)
            {
                Insert(chat, listed);
                return;
            }

            bool isFirst = !_threads.ContainsKey(threadId);
            Insert(GetOrAdd(_threads, threadId), listed);
            if (isFirst)
            {
                Insert(chat, listed);
            }
        }
    }

    /// <summary>The chat's or thread's messages in ascending order (a copy); null when there is no such container.</summary>
    public List<ListedMessage>? Snapshot(bool isThread, string containerId)
    {
        lock (_gate)
        {
            return (isThread ? _threads : _chats).TryGetValue(containerId, out List<ListedMessage>? messages) ? new List<ListedMessage>(messages) : null;
        }
    }

    private static List<ListedMessage> GetOrAdd(Dictionary<string, List<ListedMessage>> containers, string id)
        => containers.TryGetValue(id, out List<ListedMessage>? list) ? list : containers[id] = new List<ListedMessage>();

    /// <summary>Keeps the list sorted; messages mostly arrive in order, so the search from the end is short.</summary>
    private static void Insert(List<ListedMessage> list, ListedMessage message)
    {
        int index = list.Count;
        while (index > 0 && list[index - 1].CompareTo(message) > 0)
        {
            index--;
        }

        list.Insert(index, message);
    }
}
