using System;

namespace FeishuResources.Redis;

/// <summary>
/// Whether this replica takes its places from Redis or, while Redis is away, from its local share; and when it
/// next tries to return (a quarter of a second after the failure, then doubling up to the configured maximum).
/// </summary>
/// <remarks>
/// Replicas that lost Redis together return at slightly different moments: each reconnects and probes at most
/// <c>MaxProbeInterval</c> after Redis is back. Until every one has returned, some still grant from their local shares,
/// which Redis does not see; so a returned replica keeps to its share as well for twice that, plus the second window
/// (<see cref="InOverlap"/>).
/// </remarks>
internal sealed class RedisAvailability
{
    private static readonly TimeSpan FirstProbe = TimeSpan.FromMilliseconds(250);

    // FeishuRateLimitOptions.SafetyMargin is under a second.
    private static readonly TimeSpan SafetyMarginBound = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxProbeInterval;
    private readonly object _gate = new();
    private bool _down;
    private bool _probing;
    private long _downSince;
    private long _nextProbe;
    private TimeSpan _backoff;
    private long _overlapUntil;

    public RedisAvailability(TimeProvider clock, TimeSpan maxProbeInterval)
    {
        _clock = clock;
        _maxProbeInterval = maxProbeInterval;
    }

    public enum Route
    {
        /// <summary>Redis is up: take the place there.</summary>
        Redis,

        /// <summary>Redis was away and this caller is the one to try it again.</summary>
        Probe,

        /// <summary>Redis is away: take the place from the local share.</summary>
        Local,
    }

    public bool IsDown
    {
        get
        {
            lock (_gate)
            {
                return _down;
            }
        }
    }

    /// <summary>How long ago Redis was found away (meaningful only while <see cref="IsDown"/>).</summary>
    public TimeSpan DownFor
    {
        get
        {
            lock (_gate)
            {
                return _clock.GetElapsedTime(_downSince);
            }
        }
    }

    /// <summary>Whether this replica returned to Redis so lately that others may still be on their local shares.</summary>
    public bool InOverlap
    {
        get
        {
            lock (_gate)
            {
                return _overlapUntil != 0 && _clock.GetTimestamp() < _overlapUntil;
            }
        }
    }

    public Route Choose()
    {
        lock (_gate)
        {
            if (!_down)
            {
                return Route.Redis;
            }

            if (_probing || _clock.GetTimestamp() < _nextProbe)
            {
                return Route.Local;
            }

            _probing = true;
            return Route.Probe;
        }
    }

    /// <summary>Records a failed call to Redis; true when it was up until now (the caller reports the switch).</summary>
    public bool Failed()
    {
        lock (_gate)
        {
            long now = _clock.GetTimestamp();
            bool wasUp = !_down;
            if (wasUp)
            {
                _down = true;
                _downSince = now;
                _backoff = FirstProbe;
            }
            else
            {
                _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _maxProbeInterval.Ticks));
            }

            _probing = false;
            _nextProbe = now + (long)(_backoff.TotalSeconds * _clock.TimestampFrequency);
            return wasUp;
        }
    }

    /// <summary>Records that a probe reached Redis again.</summary>
    public void Recovered()
    {
        lock (_gate)
        {
            _down = false;
            _probing = false;
            TimeSpan overlap = TimeSpan.FromTicks((2 * _maxProbeInterval.Ticks) + TimeSpan.TicksPerSecond + SafetyMarginBound.Ticks);
            _overlapUntil = _clock.GetTimestamp() + (long)(overlap.TotalSeconds * _clock.TimestampFrequency);
        }
    }
}
