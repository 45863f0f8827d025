using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace FeishuResources.Testing;

/// <summary>What the emulator has received, for assertions: counts per API, the burstiest second, throttled answers, and the raw request log.</summary>
public sealed class FeishuEmulatorTraffic
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly ConcurrentQueue<FeishuEmulatorRequest> _requests = new();

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<FeishuEmulatorRequest> Requests => _requests.ToArray();

    /// <summary>
    /// Requests to the endpoints that issue tokens: the self-built app's tenant token, and the store app's
    /// app token and tenant token. Ticket resends are not counted.
    /// </summary>
    public int TokenRequests => _requests.Count(r => r.Api is FeishuEmulatorApi.TenantAccessTokenInternal or FeishuEmulatorApi.AppAccessToken or FeishuEmulatorApi.TenantAccessToken);

    /// <summary>Answers with HTTP 429, enforced or injected.</summary>
    public int RateLimitedResponses => _requests.Count(r => r.StatusCode == 429);

    /// <summary>The number of requests to <paramref name="api"/> so far.</summary>
    /// <param name="api">The API.</param>
    /// <returns>The count.</returns>
    public int CountRequests(FeishuEmulatorApi api) => _requests.Count(r => r.Api == api);

    /// <summary>
    /// The most requests to <paramref name="api"/> (or to the two download APIs together, when
    /// <see langword="null"/>) that started within any one-second interval: the number a client-side
    /// limiter must keep at 50 or below.
    /// </summary>
    /// <param name="api">The API, or <see langword="null"/> for both download APIs.</param>
    /// <returns>The maximum count in any interval of one second.</returns>
    public int MaxRequestsStartedInAnySecond(FeishuEmulatorApi? api = null)
    {
        DateTimeOffset[] starts = _requests
            .Where(r => api is null ? r.Api is FeishuEmulatorApi.Files or FeishuEmulatorApi.MessageResources : r.Api == api)
            .Select(r => r.StartedAt)
            .Order()
            .ToArray();
        int max = 0;
        int first = 0;
        for (int last = 0; last < starts.Length; last++)
        {
            while (starts[last] - starts[first] >= Second)
            {
                first++;
            }

            max = Math.Max(max, last - first + 1);
        }

        return max;
    }

    /// <summary>Forgets every request received so far.</summary>
    public void Reset() => _requests.Clear();

    internal void Record(FeishuEmulatorRequest request) => _requests.Enqueue(request);
}
