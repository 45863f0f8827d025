using System;
using System.Collections.Generic;

namespace FeishuResources.Cli.Backup;

/// <summary>
/// Follows the messages of a listing in order while their resources download out of order, and knows the newest message
/// up to which every message has finished with all its resources saved; a message with a failure stops it there.
/// </summary>
internal sealed class CompletionTracker
{
    private readonly LinkedList<Entry> _open = new();
    private bool _blocked;

    /// <summary>The creation time of the newest message up to which everything is saved; null until one is.</summary>
    public DateTimeOffset? DoneThrough { get; private set; }

    /// <summary>Messages passed since the last <see cref="TakeAdvanced"/>.</summary>
    private int _advanced;

    /// <summary>Starts following a message, in listing order; one piece of work is open until <see cref="Finish"/>.</summary>
    public object Begin(DateTimeOffset? time)
    {
        lock (_open)
        {
            return _open.AddLast(new Entry(time));
        }
    }

    /// <summary>Adds pieces of work (downloads) to a message.</summary>
    public void Add(object message, int pieces)
    {
        lock (_open)
        {
            ((LinkedListNode<Entry>)message).Value.Open += pieces;
        }
    }

    /// <summary>One piece of a message's work has ended, saved or failed.</summary>
    public void Finish(object message, bool succeeded)
    {
        lock (_open)
        {
            Entry entry = ((LinkedListNode<Entry>)message).Value;
            entry.Open--;
            entry.Failed |= !succeeded;
            while (!_blocked && _open.First is { Value.Open: 0 } first)
            {
                _blocked = first.Value.Failed;
                if (!_blocked)
                {
                    DoneThrough = first.Value.Time ?? DoneThrough;
                    _advanced++;
                    _open.RemoveFirst();
                }
            }
        }
    }

    /// <summary>How many messages were passed since the last call.</summary>
    public int TakeAdvanced()
    {
        lock (_open)
        {
            int advanced = _advanced;
            _advanced = 0;
            return advanced;
        }
    }

    private sealed class Entry(DateTimeOffset? time)
    {
        public DateTimeOffset? Time { get; } = time;

        public int Open { get; set; } = 1;

        public bool Failed { get; set; }
    }
}
