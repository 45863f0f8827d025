using System;
using System.Threading;
#if !NET8_0_OR_GREATER
using System.Threading.Tasks; // TimeProvider.CreateCancellationTokenSource
#endif

namespace FeishuResources.Resilience;

/// <summary>
/// A token cancelled by the caller's token or when a timeout measured by a <see cref="TimeProvider"/>
/// elapses, built with as few objects as the clock allows: it is made for every request, so it is
/// part of the fixed cost of a download.
/// </summary>
internal readonly struct TimeoutToken : IDisposable
{
    private readonly CancellationTokenSource? _source;
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationToken _callerToken;

    private TimeoutToken(CancellationTokenSource? source, CancellationTokenSource? timeout, CancellationToken callerToken = default)
    {
        _source = source;
        _timeout = timeout;
        _callerToken = callerToken;
    }

    public CancellationToken Token => _source?.Token ?? _callerToken;

    /// <summary>Starts the timeout; an infinite one makes nothing and hands out the caller's token.</summary>
    public static TimeoutToken Start(TimeSpan timeout, TimeProvider timeProvider, CancellationToken callerToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return new TimeoutToken(null, null, callerToken);
        }

        if (timeProvider == TimeProvider.System)
        {
            // The system clock is the one CancelAfter uses: one source can both follow the caller and time out.
            CancellationTokenSource source = callerToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(callerToken) : new CancellationTokenSource();
            source.CancelAfter(timeout);
            return new TimeoutToken(source, null);
        }

#if NET8_0_OR_GREATER
        var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
#else
        CancellationTokenSource timeoutSource = timeProvider.CreateCancellationTokenSource(timeout);
#endif
        return callerToken.CanBeCanceled
            ? new TimeoutToken(CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeoutSource.Token), timeoutSource)
            : new TimeoutToken(timeoutSource, null);
    }

    /// <summary>Whether the token was cancelled by the timeout rather than by the caller.</summary>
    public bool TimedOut(CancellationToken callerToken)
        => (_timeout ?? _source)?.IsCancellationRequested == true && !callerToken.IsCancellationRequested;

    public void Dispose()
    {
        _source?.Dispose();
        _timeout?.Dispose();
    }
}
