using System;
using System.Threading;
using FeishuResources.DependencyInjection;

namespace FeishuResources;

/// <summary>
/// Timeouts of a download. None of them cuts off a large body that is still flowing. Each is between
/// 10 ms and 1 day, or <see cref="Timeout.InfiniteTimeSpan"/>.
/// </summary>
public sealed class FeishuTimeoutOptions
{
    /// <summary>
    /// How long one attempt may wait for response headers, after it got its rate-limit permit;
    /// defaults to 30 s. At most <see cref="TotalTimeout"/> (<see cref="Timeout.InfiniteTimeSpan"/> counts as
    /// the longest). An attempt that times out is retried as transient. It also bounds each token
    /// request (30 s when this is <see cref="Timeout.InfiniteTimeSpan"/>, since one token request
    /// serves every waiting caller); a silent token endpoint ends as <see cref="System.TimeoutException"/>.
    /// </summary>
    [TimeoutBounds]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The budget for everything before the body: rate-limit waits, token fetches, all attempts and
    /// their backoff; defaults to 10 minutes. <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    [TimeoutBounds]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long reading the body may see no byte arrive before the download counts as stalled;
    /// defaults to 60 s. <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    [TimeoutBounds]
    public TimeSpan BodyIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
