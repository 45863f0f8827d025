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

    public async ValueTask<string> GetAsync(string key, string? rejectedToken, Func<Task<IssuedToken>> fetch, CancellationToken cancellationToken)
    {
        Slot slot = _slots.GetOrAdd(key, static _ => new Slot());
        Task<CachedToken> refresh;
        CachedToken? fallback;
        lock (slot)
        {
            DateTimeOffset now = _timeProvider.GetUtcNow();
            CachedToken? current = slot.Current;
            bool usable = current is not null && !string.Equals(current.Value, rejectedToken, StringComparison.Ordinal);
            if (usable && now < current!.RefreshAt)
            {
                return current.Value;
            }

            fallback = usable && now < current!.ExpiresAt ? current : null;
            refresh = slot.Refresh ??= Task.Run(() => FetchIntoAsync(slot, fetch));
        }

        if (fallback is null)
        {
            return (await refresh.WaitForAsync(cancellationToken).ConfigureAwait(false)).Value;
        }

        try
        {
            return (await refresh.WaitForAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An early refresh failed, but the current token is still good until it expires.
            return fallback.Value;
        }
    }

    private async Task<CachedToken> FetchIntoAsync(Slot slot, Func<Task<IssuedToken>> fetch)
    {
        using Activity? activity = FeishuTelemetry.Source.StartActivity(TelemetryNames.TokenFetchActivity);
        try
        {
            DateTimeOffset issuedAt = _timeProvider.GetUtcNow();
            IssuedToken issued = await fetch().ConfigureAwait(false);
            FeishuTelemetry.TokenFetched(_appId, activity, null);
            TimeSpan lifetime = issued.Lifetime < TimeSpan.Zero ? TimeSpan.Zero : issued.Lifetime;
            TimeSpan margin = _refreshMargin < TimeSpan.FromTicks(lifetime.Ticks / 2) ? _refreshMargin : TimeSpan.FromTicks(lifetime.Ticks / 2);
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
            }

            throw;
        }
    }

    private sealed class Slot
    {
        public CachedToken? Current { get; set; }

        public Task<CachedToken>? Refresh { get; set; }
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
