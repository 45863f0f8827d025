using System;
using System.Collections.Generic;

namespace FeishuResources.Redis;

/// <summary>
/// The places one partition's local share granted while Redis was away, kept for as long as they can matter to a
/// window, so that on Redis's return they are handed over and the shared windows count them.
/// </summary>
internal sealed class LocalPlaces
{
    // The longest window (60 s) plus the largest safety margin (under 1 s), rounded up.
    private static readonly TimeSpan Remembered = TimeSpan.FromSeconds(61);

    private readonly TimeProvider _clock;
    private readonly List<LocalPlace> _places = new();

    public LocalPlaces(TimeProvider clock)
    {
        _clock = clock;
    }

    public LocalPlace Add(string member)
    {
        var place = new LocalPlace(member);
        lock (_places)
        {
            _places.RemoveAll(p => p.AnchoredAt is { } anchored && _clock.GetElapsedTime(anchored) > Remembered);
            _places.Add(place);
        }

        return place;
    }

    public void Anchor(LocalPlace place)
    {
        lock (_places)
        {
            place.AnchoredAt = _clock.GetTimestamp();
        }
    }

    /// <summary>Each remembered place's member and age in µs (-1 while in flight), to hand over.</summary>
    public List<(LocalPlace Place, long AgeMicroseconds)> Snapshot()
    {
        lock (_places)
        {
            var snapshot = new List<(LocalPlace, long)>(_places.Count);
            foreach (LocalPlace place in _places)
            {
                long age = place.AnchoredAt is { } anchored ? _clock.GetElapsedTime(anchored).Ticks / 10 : -1;
                snapshot.Add((place, age));
            }

            return snapshot;
        }
    }

    /// <summary>Forgets places that were handed over; places granted meanwhile stay.</summary>
    public void Forget(List<(LocalPlace Place, long AgeMicroseconds)> handedOver)
    {
        lock (_places)
        {
            foreach ((LocalPlace place, _) in handedOver)
            {
                _places.Remove(place);
            }
        }
    }
}
