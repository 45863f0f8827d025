using System;

namespace FeishuResources.RateLimiting;

/// <summary>
/// The places in time of the most recent requests, oldest first, each known by its sequence number so
/// a permit finds its place however the storage moved. The storage grows only as places are held, up
/// to the most any window can need: a huge limit costs memory for the requests actually made, not for
/// the limit. Not thread-safe: the limiter's lock guards it.
/// </summary>
internal sealed class RecentPlaces
{
    private const int InitialCapacity = 16;

    private readonly int _maxCount;
    private long[] _places;
    private int _head;
    private long _firstSequence;

    public RecentPlaces(int maxCount)
    {
        _maxCount = maxCount;
        _places = new long[Math.Min(InitialCapacity, maxCount)];
    }

    public int Count { get; private set; }

    public long Oldest => _places[_head];

    /// <summary>The place <paramref name="back"/> places before the next one: 1 is the newest.</summary>
    public long Back(int back) => _places[IndexOf(Count - back)];

    /// <summary>The place at <paramref name="position"/>, 0 being the oldest.</summary>
    public long At(int position) => _places[IndexOf(position)];

    public void DropOldest()
    {
        _head = (_head + 1) % _places.Length;
        _firstSequence++;
        Count--;
    }

    /// <summary>Appends a place, dropping the oldest when already holding the most any window needs; returns its sequence number.</summary>
    public long Add(long place)
    {
        if (Count == _maxCount)
        {
            DropOldest();
        }
        else if (Count == _places.Length)
        {
            Grow();
        }

        _places[IndexOf(Count)] = place;
        Count++;
        return _firstSequence + Count - 1;
    }

    /// <summary>Replaces the place of <paramref name="sequence"/> if it is still held and still <paramref name="expected"/>.</summary>
    public bool TryReplace(long sequence, long expected, long place)
    {
        long position = sequence - _firstSequence;
        if (position < 0 || position >= Count || _places[IndexOf((int)position)] != expected)
        {
            return false;
        }

        _places[IndexOf((int)position)] = place;
        return true;
    }

    private int IndexOf(int position) => (_head + position) % _places.Length;

    private void Grow()
    {
        var grown = new long[(int)Math.Min((long)_places.Length * 2, _maxCount)];
        for (int i = 0; i < Count; i++)
        {
            grown[i] = At(i);
        }

        _places = grown;
        _head = 0;
    }
}
