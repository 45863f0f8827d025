using System;
using System.Threading;

namespace FeishuResources.Authentication;

/// <summary>
/// Holds the <c>app_ticket</c> of a store (marketplace) app. The platform pushes a new ticket about every
/// hour as the <c>app_ticket</c> event: hand each one to <see cref="SetTicket"/> from your event handler.
/// When the SDK needs a ticket and has none, or the platform says it is invalid (10012), it asks the
/// platform to push one again.
/// </summary>
public sealed class FeishuAppTicketStore
{
    private string? _ticket;

    /// <summary>The latest ticket, or <see langword="null"/> before the first one arrived.</summary>
    public string? Ticket => Volatile.Read(ref _ticket);

    /// <summary>Stores the ticket from the latest <c>app_ticket</c> event.</summary>
    /// <param name="appTicket">The ticket.</param>
    /// <exception cref="ArgumentException"><paramref name="appTicket"/> is null, empty or white space.</exception>
    public void SetTicket(string appTicket)
    {
        Internal.Guard.NotNullOrWhiteSpace(appTicket, nameof(appTicket));
        Volatile.Write(ref _ticket, appTicket);
    }

    /// <summary>Forgets a ticket the platform refused, unless a newer one has arrived meanwhile.</summary>
    internal void Forget(string refusedTicket) => Interlocked.CompareExchange(ref _ticket, null, refusedTicket);
}
