using System;
using System.Collections.Generic;

namespace FeishuResources.RateLimiting;

/// <summary>
/// The arithmetic of the windows, in timestamp ticks: the places of the recent requests and the server's pause,
/// and from them when one more request may start and since when nothing counts any more. A place is the moment
/// its request was last possibly at the server: <see cref="InFlight"/> until its answer arrives, then that moment.
/// Not thread-safe: the limiter's lock guards it.
/// </summary>
internal sealed class WindowLedger
{
    /// <summary>
    /// The place of a request still in flight, and the answer of <see cref="EarliestStart"/> and
    /// <see cref="IdleSince"/> while such a request decides: no moment can be named yet.
    /// </summary>
    public const long InFlight = long.MaxValue;

    // Each window's limit and length, the length already in timestamp ticks: checked on every acquire.
    private readonly (int Limit, long Ticks)[] _windows;
    private readonly long _longestWindowTicks;
    private readonly long _marginTicks;
    private readonly RecentPlaces _places;
    private readonly long _createdAt;
    private long _pausedUntil = long.MinValue;

    public WindowLedger(IReadOnlyList<RateWindow> windows, TimeSpan safetyMargin, TimestampScale scale, long now)
    {
        if (windows.Count == 0)
        {
            throw new ArgumentException("At least one window is required.", nameof(windows));
        }

        _windows = new (int, long)[windows.Count];
        int capacity = 0;
        for (int i = 0; i < windows.Count; i++)
        {
            _windows[i] = (windows[i].Limit, scale.ToTimestampTicks(windows[i].Length));
            capacity = Math.Max(capacity, windows[i].Limit);
            _longestWindowTicks = Math.Max(_longestWindowTicks, _windows[i].Ticks);
        }

        _marginTicks = scale.ToTimestampTicks(safetyMargin);
        _places = new RecentPlaces(capacity);
        _createdAt = now;
    }

    /// <summary>Nobody may start before <paramref name="until"/>; an earlier end never shortens a pause already set.</summary>
    public void PauseUntil(long until) => _pausedUntil = Math.Max(_pausedUntil, until);

    /// <summary>
    /// The earliest timestamp at which one more request keeps every window within its limit, or
    /// <see cref="InFlight"/> while the deciding request is still in flight.
    /// </summary>
    public long EarliestStart(long now)
    {
        long earliest = Math.Max(now, _pausedUntil);
        foreach ((int limit, long windowTicks) in _windows)
        {
            if (_places.Count < limit)
            {
                continue;
            }

            // The request `Limit` places back must have finished a whole window ago.
            long deciding = _places.Back(limit);
            if (deciding == InFlight)
            {
                return InFlight;
            }

            earliest = Math.Max(earliest, deciding + windowTicks + _marginTicks);
        }

        return earliest;
    }

    /// <summary>
    /// From when every place has left every window (with its margin) and no pause holds, or
    /// <see cref="InFlight"/> while a request is in flight: from then on it remembers nothing a fresh ledger would not.
    /// </summary>
    public long IdleSince()
    {
        long idleSince = Math.Max(_createdAt, _pausedUntil);
        for (int i = 0; i < _places.Count; i++)
        {
            long place = _places.At(i);
            if (place == InFlight)
            {
                return InFlight;
            }

            idleSince = Math.Max(idleSince, place + _longestWindowTicks + _marginTicks);
        }

        return idleSince;
    }

    /// <summary>Takes a place in flight if one more request may start at <paramref name="now"/>; its sequence number, else null.</summary>
    public long? TryTake(long now)
    {
        if (EarliestStart(now) > now)
        {
            return null;
        }

        // Places out of every window no longer decide anything; when the most any window needs are held,
        // adding drops the oldest, which EarliestStart just proved is not in flight.
        while (_places.Count > 0 && _places.Oldest != InFlight && _places.Oldest + _longestWindowTicks + _marginTicks <= now)
        {
            _places.DropOldest();
        }

        return _places.Add(InFlight);
    }

    /// <summary>Anchors the place of <paramref name="sequence"/> at <paramref name="now"/>: its answer arrived. False if it was anchored or dropped before.</summary>
    public bool Finish(long sequence, long now) => _places.TryReplace(sequence, InFlight, now);
}
