using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FeishuResources.Redis;

/// <summary>
/// One app's quota shared by every replica through Redis, as strict as the in-process limiter: a request's place
/// counts while it is in flight and is then anchored when its response headers arrive, both windows are checked and
/// recorded by one atomic script on Redis's clock, and callers wait (in arrival order on each replica) instead of
/// being refused. While Redis is away the replica keeps to its share locally (<see cref="RedisQuotaOptions.ExpectedReplicas"/>).
/// </summary>
internal sealed class RedisFeishuQuota : IFeishuQuota, IDisposable
{
    // How soon to ask again when the place that decides is still in flight: its end cannot be named yet.
    private const long InFlightPollMicroseconds = 10_000;
    private static readonly TimeSpan SecondWindow = TimeSpan.FromSeconds(1);

    private readonly Task<IConnectionMultiplexer> _connecting;

    // How long the first callers wait for the connection being made before they start on the local share.
    private readonly TimeSpan _firstConnectWait;
    private readonly bool _ownsConnection;
    private readonly RedisQuotaOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly FeishuQuota _local;
    private readonly RedisAvailability _availability;
    private readonly ConcurrentDictionary<FeishuRateLimitPartition, PartitionLine> _lines = new();
    private readonly string _replica = Guid.NewGuid().ToString("N");
    private readonly RedisValue _inFlightMicroseconds;
    private readonly RedisValue _ttlMilliseconds;
    private long _sequence;

    // The connection is still being made: nobody waits on it for long, so Redis away at start-up is survivable like later.
    public RedisFeishuQuota(Task<IConnectionMultiplexer> connecting, TimeSpan firstConnectWait, bool ownsConnection, RedisQuotaOptions options, TimeProvider clock, ILogger logger)
    {
        _connecting = connecting;
        _firstConnectWait = firstConnectWait;
        _ownsConnection = ownsConnection;
        _options = options;
        _clock = clock;
        _logger = logger;
        _local = new FeishuQuota(clock);
        _availability = new RedisAvailability(clock, options.MaxProbeInterval);
        _inFlightMicroseconds = options.InFlightTimeout.Ticks / 10;
        // Long enough for a place still in flight to be given up and then leave the minute window with any margin.
        _ttlMilliseconds = (long)(options.InFlightTimeout + TimeSpan.FromSeconds(62)).TotalMilliseconds;
    }

    /// <summary>The database, or null while the connection is not made or has no server.</summary>
    private IDatabase? Database
        => _connecting.Status == TaskStatus.RanToCompletion && _connecting.Result.IsConnected ? _connecting.Result.GetDatabase() : null;

    public async ValueTask<RateLimitLease> AcquireAsync(FeishuRateLimitPartition partition, FeishuRateLimitOptions limits, CancellationToken cancellationToken)
    {
        if (limits is null)
        {
            throw new ArgumentNullException(nameof(limits));
        }

        PartitionLine line = _lines.GetOrAdd(partition, p => new PartitionLine(new QuotaKeys(_options.KeyPrefix, p), _clock));
        await line.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await TakeInTurnAsync(line, partition, limits, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            line.Turn.Release();
        }
    }

    public void Pause(FeishuRateLimitPartition partition, TimeSpan duration)
    {
        _local.Pause(partition, duration);
        if (_availability.IsDown || Database is not { } database)
        {
            return;
        }

        try
        {
            var keys = new QuotaKeys(_options.KeyPrefix, partition);
            _ = database.ScriptEvaluateAsync(QuotaScripts.Pause, keys.OnlyPause, new RedisValue[] { (long)Math.Ceiling(duration.TotalMilliseconds) }, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (IsRedisTrouble(ex))
        {
            Log.RedisQuotaPauseNotShared(_logger, ex);
        }
    }

    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connecting.ContinueWith(static made => made.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    /// <summary>Anchors a place at this moment (its response headers arrived); a place Redis never saw stays local.</summary>
    internal void Anchor(QuotaKeys keys, string member)
    {
        if (_availability.IsDown || Database is not { } database)
        {
            return;
        }

        try
        {
            _ = database.ScriptEvaluateAsync(QuotaScripts.Anchor, keys.OnlyPlaces, new RedisValue[] { member, _ttlMilliseconds }, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (IsRedisTrouble(ex))
        {
            // Unanchored, the place keeps counting as in flight until InFlightTimeout: stricter, never looser.
        }
    }

    private static bool IsRedisTrouble(Exception ex) => ex is RedisException or TimeoutException;

    /// <remarks>
    /// Just after the return to Redis (<see cref="RedisAvailability.InOverlap"/>) a place is paid twice, from Redis and
    /// from the local share: other replicas may still be on their local shares, which Redis cannot see.
    /// </remarks>
    private async Task<RateLimitLease> TakeInTurnAsync(PartitionLine line, FeishuRateLimitPartition partition, FeishuRateLimitOptions limits, CancellationToken cancellationToken)
    {
        string member = _replica + ":" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        RedisValue[] arguments =
        {
            member, limits.PermitsPerSecond, limits.PermitsPerMinute, limits.SafetyMargin.Ticks / 10, _inFlightMicroseconds, InFlightPollMicroseconds, _ttlMilliseconds,
        };
        RateLimitLease? share = null;
        try
        {
            while (true)
            {
                RedisAvailability.Route route = _availability.Choose();
                if (route == RedisAvailability.Route.Local)
                {
                    return await TakeLocallyAsync(line, partition, limits, member, cancellationToken).ConfigureAwait(false);
                }

                long waitMicroseconds;
                try
                {
                    IDatabase database = await ConnectedDatabaseAsync(cancellationToken).ConfigureAwait(false);
                    if (route == RedisAvailability.Route.Probe)
                    {
                        await HandOverLocalPlacesAsync(database).ConfigureAwait(false);
                    }

                    if (share is null && _availability.InOverlap)
                    {
                        share = await _local.AcquireAsync(partition, Share(limits), cancellationToken).ConfigureAwait(false);
                    }

                    waitMicroseconds = (long)await database.ScriptEvaluateAsync(QuotaScripts.Take, line.Keys.Both, arguments).ConfigureAwait(false);
                }
                catch (Exception ex) when (_options.FallBackToLocalShare && IsRedisTrouble(ex))
                {
                    if (_availability.Failed())
                    {
                        Log.RedisQuotaUnavailable(_logger, _options.ExpectedReplicas, ex);
                        RedisQuotaMetrics.Fallbacks.Add(1);
                    }

                    continue;
                }

                if (waitMicroseconds == 0)
                {
                    var place = new QuotaPlace(this, line, member, localLease: share);
                    share = null;
                    return place;
                }

                await DelayAsync(TimeSpan.FromTicks(waitMicroseconds * 10), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Not handed to a place (cancelled, or gone local): anchored now, which only ever holds the share back longer.
            share?.Dispose();
        }
    }

    /// <summary>
    /// A place from this replica's share of the quota. Right after the switch it first waits out the second window,
    /// which Redis may have filled just before it went away.
    /// </summary>
    private async Task<RateLimitLease> TakeLocallyAsync(PartitionLine line, FeishuRateLimitPartition partition, FeishuRateLimitOptions limits, string member, CancellationToken cancellationToken)
    {
        TimeSpan hold = SecondWindow + limits.SafetyMargin - _availability.DownFor;
        if (hold > TimeSpan.Zero)
        {
            await DelayAsync(hold, cancellationToken).ConfigureAwait(false);
        }

        RateLimitLease lease = await _local.AcquireAsync(partition, Share(limits), cancellationToken).ConfigureAwait(false);
        return lease.IsAcquired ? new QuotaPlace(this, line, member, line.Local.Add(member), lease) : lease;
    }

    /// <summary>This replica's share of <paramref name="limits"/>: what it may use alone without the others exceeding the quota.</summary>
    private FeishuRateLimitOptions Share(FeishuRateLimitOptions limits) => new()
    {
        PermitsPerSecond = Math.Max(1, limits.PermitsPerSecond / _options.ExpectedReplicas),
        PermitsPerMinute = Math.Max(1, limits.PermitsPerMinute / _options.ExpectedReplicas),
        SafetyMargin = limits.SafetyMargin,
    };

    /// <summary>Tries Redis again by handing it the places granted locally meanwhile; throws if it is still away.</summary>
    private async Task HandOverLocalPlacesAsync(IDatabase database)
    {
        TimeSpan downFor = _availability.DownFor;
        int handedOver = 0;
        await database.PingAsync().ConfigureAwait(false);
        foreach (PartitionLine line in _lines.Values)
        {
            List<(LocalPlace Place, long AgeMicroseconds)> places = line.Local.Snapshot();
            if (places.Count == 0)
            {
                continue;
            }

            var arguments = new List<RedisValue>(2 + (2 * places.Count)) { _inFlightMicroseconds, _ttlMilliseconds };
            foreach ((LocalPlace place, long age) in places)
            {
                arguments.Add(place.Member);
                arguments.Add(age);
            }

            await database.ScriptEvaluateAsync(QuotaScripts.Import, line.Keys.OnlyPlaces, arguments.ToArray()).ConfigureAwait(false);
            line.Local.Forget(places);
            handedOver += places.Count;
        }

        _availability.Recovered();
        Log.RedisQuotaResumed(_logger, downFor.TotalSeconds, handedOver);
    }

    /// <summary>The database once connected; throws (as Redis trouble) while the connection is not made or has no server.</summary>
    private async Task<IDatabase> ConnectedDatabaseAsync(CancellationToken cancellationToken)
    {
        // Only until the first failure: a probe must not hold its caller up while the connection is still being made.
        if (!_connecting.IsCompleted && !_availability.IsDown)
        {
            await Task.WhenAny(_connecting, DelayAsync(_firstConnectWait, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // A command would wait in the connection's backlog (a user's connection may keep one): fall back at once instead.
        return Database ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection to Redis.");
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
#if NET8_0_OR_GREATER
        => Task.Delay(delay, _clock, cancellationToken);
#else
        => _clock.Delay(delay, cancellationToken);
#endif
}
