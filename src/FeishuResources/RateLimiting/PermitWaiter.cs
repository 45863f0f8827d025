using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace FeishuResources.RateLimiting;

/// <summary>A caller queued for a permit of a <see cref="StrictWindowRateLimiter"/>, and its cancellation.</summary>
internal sealed class PermitWaiter
{
    private readonly StrictWindowRateLimiter _owner;
    private readonly object _sync = new();
    private CancellationTokenRegistration _registration;
    private bool _served;

    public PermitWaiter(StrictWindowRateLimiter owner)
    {
        _owner = owner;
    }

    public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Its node in the owner's queue; null once it left the queue. Guarded by the owner's lock.</summary>
    public LinkedListNode<PermitWaiter>? Node { get; set; }

    /// <summary>Makes <paramref name="cancellationToken"/> withdraw this waiter from its owner's queue.</summary>
    public void CancelOn(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            Attach(cancellationToken.Register(static state => ((PermitWaiter)state!).Cancel(), this));
        }
    }

    /// <summary>The waiter is served (or abandoned): its cancellation no longer matters.</summary>
    public void Detach()
    {
        CancellationTokenRegistration registration;
        lock (_sync)
        {
            _served = true;
            registration = _registration;
            _registration = default;
        }

        registration.Dispose();
    }

    private void Cancel() => _owner.Withdraw(this);

    /// <summary>
    /// Keeps the cancellation registration, which is made after the waiter is queued — so the waiter
    /// may already be served; then the registration is released at once instead of leaking.
    /// </summary>
    private void Attach(CancellationTokenRegistration registration)
    {
        lock (_sync)
        {
            if (!_served)
            {
                _registration = registration;
                return;
            }
        }

        registration.Dispose();
    }
}
