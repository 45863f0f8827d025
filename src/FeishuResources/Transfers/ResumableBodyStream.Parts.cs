using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Internal;

namespace FeishuResources.Transfers;

/// <summary>The parts of the body: which one the next bytes come from, counting them, and what a drop does.</summary>
internal sealed partial class ResumableBodyStream
{
    /// <summary>
    /// The part the next bytes come from: the current one until all its bytes were handed out, then a new
    /// one; null once the end is reached.
    /// </summary>
    /// <param name="synchronous">Probe a finished part with a synchronous read: the task then completes at once unless a new request is needed.</param>
    /// <param name="cancellationToken">Cancels the probe and the request.</param>
    private async ValueTask<BodyPart?> NextPartAsync(bool synchronous, CancellationToken cancellationToken)
    {
        // Disposed while a read or copy was under way: its failure is not a drop to resume from.
        if (IsDisposed)
        {
            throw Disposed();
        }

        if (_part is { End: long partEnd } finished && _position >= partEnd)
        {
            await EnsureEndedAsync(finished, synchronous, cancellationToken).ConfigureAwait(false);
            Finish(finished);
        }

        if (_position >= _end)
        {
            return null;
        }

        if (_part is null)
        {
            Keep(await OpenAtAsync(_position, synchronous, cancellationToken).ConfigureAwait(false), ref _part);
        }

        return _part;
    }

    /// <summary>
    /// Sends the request for the body from <paramref name="offset"/> on: the rest of the resource, or the rest of
    /// the chunk <paramref name="offset"/> falls in. The one place a resume or a chunk is asked for; disposing
    /// the download cancels it. A synchronous read sends it synchronously (see <see cref="RangeRequester.GetAsync"/>).
    /// </summary>
    private async Task<BodyPart> OpenAtAsync(long offset, bool synchronous, CancellationToken cancellationToken)
    {
        // Chunks keep to their grid, so a chunk resumed midway asks only for its own rest, and never reach past the
        // end; a stream ending before the resource does (a range of a parallel save) asks only up to its end.
        long? to = null;
        if (Rules.ChunkSize is int chunk && _end is long end)
        {
            to = Math.Min(_start + ((((offset - _start) / chunk) + 1) * chunk), end) - 1;
        }
        else if (_end < Total)
        {
            to = _end - 1;
        }

        BodyPart part;
        using (var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, DisposalToken))
        {
            try
            {
                part = await _requester!.GetAsync(offset, to, Total, offset - _start, resume: _failures > 0, synchronous, opening.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsDisposed && !cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException("The download was disposed while the request for the rest of its body was in flight.", ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or FeishuApiException or IOException or TimeoutException && ex is not FeishuDownloadException)
            {
                throw FeishuDownloadException.PartFailed(Rules.ResourceKey, offset - _start, _end - _start, LogId, ex);
            }
        }

        LogId = part.LogId ?? LogId;
        if (part.IsWhole)
        {
            part = AcceptWhole(part);
        }

        LearnTotal(part);
        return part;
    }

    /// <summary>Takes the resource's length from the first part that states it: the body then ends there.</summary>
    private void LearnTotal(BodyPart part)
    {
        if (Total is null && part.Total is long total)
        {
            Total = total;

            // Stryker disable once Assignment : equivalent — _end is set only along with a known Total (the constructor's end is the total; EndAt and slices need one), so here, where Total was null, _end is null too.
            _end ??= total;
        }
    }

    /// <summary>Counts bytes handed out; a body growing past the size limit fails.</summary>
    private void Advance(int count)
    {
        Rules.Telemetry?.AddBytes(count);
        _position += count;
        if (Rules.MaxBytes is long max && _position > max)
        {
            throw FeishuDownloadException.LimitExceeded(Rules.ResourceKey, _position - _start, Total, max, LogId);
        }

        if (_position > _highWater)
        {
            _highWater = _position;
            _failures = 0;
        }
    }

    /// <summary>The part's connection failed or ended early: count it, and resume unless attempts ran out.</summary>
    private void Dropped(IOException? cause)
    {
        if (IsDisposed)
        {
            throw Disposed();
        }

        _part?.Dispose();
        _part = null;
        if (_requester is null || ++_failures > Rules.MaxResumeAttempts)
        {
            throw FeishuDownloadException.Truncated(Rules.ResourceKey, _position - _start, _end - _start, LogId, cause);
        }
    }

    private void Finish(BodyPart part)
    {
        part.Dispose();
        _part = null;
    }

    /// <summary>A part that sent more than its range is lying about something: fail rather than guess.</summary>
    private async ValueTask EnsureEndedAsync(BodyPart part, bool synchronous, CancellationToken cancellationToken)
    {
        int extra;
        try
        {
            extra = synchronous ? part.Body.ReadMemory(Probe) : await part.Body.ReadMemoryAsync(Probe, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex is not FeishuDownloadException)
        {
            // All promised bytes arrived; a connection closing abruptly after them loses nothing.
            return;
        }

        if (extra > 0)
        {
            // Stryker disable once NullCoalescing : equivalent — a part is probed only once _position reached its End, and no read goes past it, so End equals _position here.
            throw Overrun(_position + extra, part.End ?? _position);
        }
    }

    private FeishuDownloadException Overrun(long reached, long end)
        => FeishuDownloadException.Overrun(Rules.ResourceKey, reached - _start, end - _start, LogId);

    /// <summary>
    /// A 200 to a range request. From the first byte it is simply a fresh start; later, bytes already handed
    /// out cannot be taken back, so reading fails — but the body is kept for a save to start over with.
    /// </summary>
    private BodyPart AcceptWhole(BodyPart whole)
    {
        if (_start == 0 && (whole.Total is null || Total is null || whole.Total == Total))
        {
            if (_position == 0)
            {
                return whole;
            }

            _pendingRestart?.Dispose();
            Keep(whole, ref _pendingRestart);
        }
        else
        {
            whole.Dispose();
        }

        throw FeishuDownloadException.RangeWasIgnored(Rules.ResourceKey, _position - _start, _end - _start, LogId);
    }

    /// <summary>
    /// Stores a response that arrived, unless the stream was disposed while it was awaited: then it is
    /// released at once, never read.
    /// </summary>
    private void Keep(BodyPart part, ref BodyPart? slot)
    {
        lock (_gate)
        {
            if (!IsDisposed)
            {
                slot = part;
                return;
            }
        }

        part.Dispose();
        throw Disposed();
    }

    /// <summary>Reports a failure of the download's body to its telemetry (a slice's failure is its save's to report); never catches.</summary>
    private bool Report(Exception exception)
    {
        if (!_isSlice)
        {
            Rules.Telemetry?.BodyFailed(exception);
        }

        // Stryker disable once Boolean : equivalent — both filters that call Report guard a catch that only rethrows with throw;, the same exception either way.
        return false;
    }

    private void ReportEnd()
    {
        if (!_isSlice)
        {
            Rules.Telemetry?.Completed();
        }
    }

    private static ObjectDisposedException Disposed() => new(nameof(FeishuDownload), "The download was disposed while its body was being read.");

    /// <summary>Cancels what observes the body's lifetime: requests in flight, slices, a parallel save's workers.</summary>
    private static void Cancel(CancellationTokenSource? lifetime)
    {
        if (lifetime is null)
        {
            return;
        }

        lifetime.Cancel();

        // Stryker disable once Statement : equivalent — a cancelled source without a timer holds nothing a collection does not free.
        lifetime.Dispose();
    }
}
