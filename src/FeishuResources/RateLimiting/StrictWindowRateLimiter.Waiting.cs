using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace FeishuResources.RateLimiting;

/// <summary>
/// The waiting side of the limiter: the FIFO queue of callers over the limit, and the timer that serves its head
/// as soon as a place frees up. Everything here runs under the limiter's lock, except completing the callers'
/// tasks, which happens outside it.
/// </summary>
internal sealed partial class StrictWindowRateLimiter
{
    /// <summary>The request of <paramref name="sequence"/> has its answer (or failed): it can no longer reach the server.</summary>
    internal void Complete(long sequence)
    {
        lock (_gate)
        {
            long now = _timeProvider.GetTimestamp();
            if (!_disposed && _ledger.Finish(sequence, now))
            {
                ScheduleTimerIfQueued(now);
            }
        }
    }

    /// <summary>Takes <paramref name="waiter"/> out of the queue, if it is still there: its caller stopped waiting.</summary>
    internal void Withdraw(PermitWaiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return;
            }

            _queue.Remove(waiter.Node);
            waiter.Node = null;
            _failedLeases++;
        }

        waiter.Completion.TrySetCanceled();
    }

    /// <summary>
    /// <see cref="RateLimiter.DisposeAsync"/> follows this only with <c>Dispose(false)</c>, which frees nothing: without it an
    /// asynchronous dispose would leave the waiters waiting and the timer armed.
    /// </summary>
    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return default;
    }

    private PermitWaiter Enqueue(long now)
    {
        var waiter = new PermitWaiter(this);
        waiter.Node = _queue.AddLast(waiter);
        ScheduleTimerIfQueued(now);
        return waiter;
    }

    /// <summary>Empties the queue, returning who was in it: the limiter is going away.</summary>
    private List<PermitWaiter> TakeQueue()
    {
        var taken = new List<PermitWaiter>(_queue);
        _queue.Clear();
        return taken;
    }

    private void ReleaseWaiters()
    {
        List<(PermitWaiter Waiter, RateLimitLease Lease)>? ready = null;
        lock (_gate)
        {
            long now = _timeProvider.GetTimestamp();
            while (_queue.First is { } head && TryTakePlace(now) is { } lease)
            {
                _queue.RemoveFirst();
                head.Value.Node = null;
                (ready ??= new()).Add((head.Value, lease));
            }

            ScheduleTimerIfQueued(now);
        }

        if (ready is null)
        {
            return;
        }

        foreach ((PermitWaiter waiter, RateLimitLease lease) in ready)
        {
            waiter.Detach();
            if (!waiter.Completion.TrySetResult(lease))
            {
                lease.Dispose();
            }
        }
    }

    /// <summary>Wakes the queue when its head may start; a head blocked by a request in flight is woken by that request's completion.</summary>
    private void ScheduleTimerIfQueued(long now)
    {
        if (_queue.Count == 0)
        {
            return;
        }

        long earliest = _ledger.EarliestStart(now);
        TimeSpan due = earliest == WindowLedger.InFlight ? Timeout.InfiniteTimeSpan : _scale.ToTimeSpan(Math.Max(earliest - now, 0));
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }
}
