using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Diagnostics;
using FeishuResources.Internal;

namespace FeishuResources.Authentication;

/// <summary>
/// Caches tokens by key and fetches each at most once at a time: however many callers arrive together,
/// cold or after a rejection, they share one request. A token is refreshed ahead of its expiry (the
/// margin is capped at half its lifetime); while that refresh runs or if it fails, the still-valid old
/// token keeps being served.
/// </summary>
internal sealed class TokenCache
{
    /// <summary>How long a failed early refresh waits before the next one: the current token is still valid meanwhile.</summary>
    private static readonly TimeSpan EarlyRefreshRetryDelay = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshMargin;
    private readonly string _appId;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public TokenCache(TimeProvider timeProvider, TimeSpan refreshMargin, string appId)
    {
        _timeProvider = timeProvider;
        _refreshMargin = refreshMargin;
        _appId = appId;
    }

    public async ValueTask<string> GetAsync(string key, string? rejectedToken, Func<string, Task<IssuedToken>> fetch, CancellationToken cancellationToken)
    {
        Slot slot = _slots.GetOrAdd(key, static _ => new Slot());
        Task<CachedToken> refresh;
        lock (slot)
        {
            DateTimeOffset now = _timeProvider.GetUtcNow();
            CachedToken? current = slot.Current;
            bool usable = current is not null && !string.Equals(current.Value, rejectedToken, StringComparison.Ordinal);
            if (usable && now < current!.ExpiresAt)
            {
                // Within the refresh margin the current token is still good: serve it now and refresh in
                // the background, so no download ever waits on the token endpoint for an early refresh.
                if (now >= current.RefreshAt && slot.Refresh is null && now >= slot.NextEarlyRefresh)
                {
                    slot.Refresh = StartFetch(slot, key, fetch);
                }

                return current.Value;
            }

            refresh = slot.Refresh ??= StartFetch(slot, key, fetch);
        }

        return (await refresh.WaitForAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>Runs one fetch for the slot; its failure is observed here, since a background refresh has no waiter.</summary>
    private Task<CachedToken> StartFetch(Slot slot, string key, Func<string, Task<IssuedToken>> fetch)
    {
        Task<CachedToken> task = Task.Run(() => FetchIntoAsync(slot, key, fetch));
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private async Task<CachedToken> FetchIntoAsync(Slot slot, string key, Func<string, Task<IssuedToken>> fetch)
    {
        using Activity? activity = FeishuTelemetry.Source.StartActivity(TelemetryNames.TokenFetchActivity);
        try
        {
            DateTimeOffset issuedAt = _timeProvider.GetUtcNow();
            IssuedToken issued = await fetch(key).ConfigureAwait(false);
            FeishuTelemetry.TokenFetched(_appId, activity, null);
            // The endpoint answer guarantees a positive lifetime (TokenEndpointAnswer); the margin is at most half of it.
            TimeSpan lifetime = issued.Lifetime;
            TimeSpan margin = TimeSpan.FromTicks(Math.Min(_refreshMargin.Ticks, lifetime.Ticks / 2));
            var token = new CachedToken(issued.Value, issuedAt + lifetime - margin, issuedAt + lifetime);
            lock (slot)
            {
                slot.Current = token;
                slot.Refresh = null;
            }

            return token;
        }
        catch (Exception ex)
        {
            FeishuTelemetry.TokenFetched(_appId, activity, ex);
            lock (slot)
            {
                slot.Refresh = null;
                slot.NextEarlyRefresh = _timeProvider.GetUtcNow() + EarlyRefreshRetryDelay;
            }

            throw;
        }
    }

    private sealed class Slot
    {
        public CachedToken? Current { get; set; }

        public Task<CachedToken>? Refresh { get; set; }

        /// <summary>After a failed refresh, the earliest time another early (background) refresh is tried.</summary>
        public DateTimeOffset NextEarlyRefresh { get; set; }
    }

    /// <summary>Not a record: its ToString must not show the token.</summary>
    private sealed class CachedToken
    {
        public CachedToken(string value, DateTimeOffset refreshAt, DateTimeOffset expiresAt)
        {
            Value = value;
            RefreshAt = refreshAt;
            ExpiresAt = expiresAt;
        }

        public string Value { get; }

        public DateTimeOffset RefreshAt { get; }

        public DateTimeOffset ExpiresAt { get; }
    }
}
