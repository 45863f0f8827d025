using System;
using System.Collections.Generic;

namespace FeishuResources.Testing.Messages;

/// <summary>
/// The seeded messages, and which are sub-messages of which merge-forward, in the order they were added:
/// the get API answers a merge-forward with the container followed by every descendant.
/// </summary>
internal sealed class MessageStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, EmulatedMessage> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<EmulatedMessage>> _children = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">The parent is not a merge-forward added before.</exception>
    public void Add(EmulatedMessage message)
    {
        lock (_gate)
        {
            if (message.UpperMessageId is { } parent
                && !(_messages.TryGetValue(parent, out EmulatedMessage? container) && container.MessageType == "merge_forward"))
            {
                throw new ArgumentException("The upper message must be a merge_forward message added before its sub-messages.", "upperMessageId");
            }

            if (_messages.TryGetValue(message.MessageId, out EmulatedMessage? replaced) && replaced.UpperMessageId is { } oldParent)
            {
                _children[oldParent].Remove(replaced);
            }

            _messages[message.MessageId] = message;
            if (message.UpperMessageId is { } upper)
            {
                (_children.TryGetValue(upper, out List<EmulatedMessage>? siblings) ? siblings : _children[upper] = new()).Add(message);
            }
        }
    }

    /// <summary>Marks a message deleted; false when there is no such message.</summary>
    public bool Delete(string messageId)
    {
        lock (_gate)
        {
            if (!_messages.TryGetValue(messageId, out EmulatedMessage? message))
            {
                return false;
            }

            message.Deleted = true;
            return true;
        }
    }

    public bool IsDeleted(string messageId)
    {
        lock (_gate)
        {
            return _messages.TryGetValue(messageId, out EmulatedMessage? message) && message.Deleted;
        }
    }

    /// <summary>The items the get API answers: the message, then (for a merge-forward) its descendants depth first; null when unknown.</summary>
    public List<EmulatedMessage>? Items(string messageId)
    {
        lock (_gate)
        {
            if (!_messages.TryGetValue(messageId, out EmulatedMessage? message))
            {
                return null;
            }

            var items = new List<EmulatedMessage> { message };
            AddDescendants(messageId, items);
            return items;
        }
    }

    private void AddDescendants(string parent, List<EmulatedMessage> items)
    {
        if (!_children.TryGetValue(parent, out List<EmulatedMessage>? children))
        {
            return;
        }

        foreach (EmulatedMessage child in children)
        {
            items.Add(child);
            AddDescendants(child.MessageId, items);
        }
    }
}
