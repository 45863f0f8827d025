using System.Threading.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

/// <summary>The promise behind "never meets 429", asserted the same way for every kind of place.</summary>
internal static class InFlightPlaceAssert
{
    /// <summary>
    /// <paramref name="next"/> waits however long the request in flight takes, then until one whole 1-second window
    /// (no margin) after <paramref name="answer"/> marks its answer arrived, and not a tick longer.
    /// </summary>
    public static async Task NextWaitsUntilAWindowAfterTheAnswerAsync(TestClock time, ValueTask<RateLimitLease> next, Action answer)
    {
        // The request may reach the server at any moment until its answer arrives.
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(next.IsCompleted);

        answer();
        time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        using RateLimitLease lease = await next;
        Assert.True(lease.IsAcquired);
    }
}
