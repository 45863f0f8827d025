using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Transfers;

/// <summary>The network stream's own copy, watched only while it waits for the network.</summary>
internal sealed partial class IdleTimeoutStream
{
    /// <summary>
    /// Copies with the network stream's own copy. Like a read, the part that completes at once is not
    /// watched; from the first wait on, the watch runs whenever the copy waits for the network. The body's
    /// copy sink pauses it while the destination takes a block and re-arms it after (<see cref="PauseForWrite"/>,
    /// <see cref="ResumeAfterWrite"/>), so only the network's silence counts as a stall.
    /// </summary>
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        CancellationToken token = ReadToken(cancellationToken);
        try
        {
            Task copying = _inner.CopyToAsync(destination, bufferSize, token);
            if (!copying.IsCompleted)
            {
                CopyWaiting();
            }

            await copying.ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStall(ex, cancellationToken))
        {
            throw StalledError(ex);
        }
        catch (OperationCanceledException ex) when (IsCallersCancellation(ex, cancellationToken))
        {
            throw CallerCancelled(ex, cancellationToken);
        }
        finally
        {
            Pause();
        }
    }

    /// <summary>The copy no longer completes at once: from now on every wait for the network is watched.</summary>
    /// <remarks>A copy's own thread and the one that started it both move the watch, under one lock: the stall source, private to this stream.</remarks>
    private void CopyWaiting()
    {
        lock (_stall)
        {
            _copyWaited = true;
            if (!_writing)
            {
                Arm();
            }
        }
    }

    /// <summary>The destination's time is not the network's silence, whether its write completes at once or later.</summary>
    public void PauseForWrite()
    {
        lock (_stall)
        {
            _writing = true;
            if (_copyWaited)
            {
                Pause();
            }
        }
    }

    /// <summary>The destination took the block: the copy waits for the network again.</summary>
    public void ResumeAfterWrite()
    {
        lock (_stall)
        {
            _writing = false;
            if (_copyWaited)
            {
                Arm();
            }
        }
    }
}
