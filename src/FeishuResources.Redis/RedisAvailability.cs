using System;

namespace FeishuResources.Redis;

/// <summary>
/// Whether this replica takes its places from Redis or, while Redis is away, from its local share; and when it
/// next tries to return (a quarter of a second after the failure, then doubling up to the configured maximum).
/// </summary>
internal sealed class RedisAvailability
{
    private static readonly TimeSpan FirstProbe = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxProbeInterval;
    private readonly object _gate = new();
    private bool _down;
    private bool _probing;
    private long _downSince;
    private long _nextProbe;
    private TimeSpan _backoff;

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
        }
    }
}
