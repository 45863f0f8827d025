using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Testing.Faults;
using Microsoft.AspNetCore.Http;

namespace FeishuResources.Testing.Downloads;

/// <summary>
/// Streams a slice of a resource straight into Kestrel's response pipe, so serving a resource of any
/// size allocates no buffer of that size; a slow-body fault or the per-response bandwidth cap paces it, a
/// drop fault cuts it short.
/// </summary>
internal static class BodySender
{
    /// <summary>How much is written before each flush: large enough to keep the socket busy, small enough to stay in pooled blocks.</summary>
    private const int FlushThreshold = 256 * 1024;

    private static readonly TimeSpan DropGracePeriod = TimeSpan.FromMilliseconds(100);

    public static async Task SendAsync(HttpContext context, FeishuEmulatorContent content, ByteRange range, long? bytesPerSecond, Fault? slow, Fault? drop)
    {
        CancellationToken aborted = context.RequestAborted;
        long toSend = drop is null ? range.Length : Math.Min(range.Length, drop.Bytes);
        int chunk = Math.Min(slow?.ChunkSize ?? FlushThreshold, PacedChunk(bytesPerSecond));
        PipeWriter writer = context.Response.BodyWriter;
        long started = Stopwatch.GetTimestamp();

        Stream source = content.OpenRead();
        await using (source.ConfigureAwait(false))
        {
            await SkipAsync(source, range.Start, aborted).ConfigureAwait(false);
            long sent = 0;
            while (sent < toSend)
            {
                if (slow is not null)
                {
                    await Task.Delay(slow.Delay, aborted).ConfigureAwait(false);
                }

                if (bytesPerSecond is { } rate)
                {
                    await KeepToRateAsync(started, sent, rate, aborted).ConfigureAwait(false);
                }

                int written = await FillAsync(writer, source, (int)Math.Min(chunk, toSend - sent), aborted).ConfigureAwait(false);
                if (written == 0)
                {
                    // The source ended before its declared length: Kestrel resets the connection, like a truncated upstream.
                    break;
                }

                sent += written;
                FlushResult flushed = await writer.FlushAsync(aborted).ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }
            }
        }

        if (drop is not null)
        {
            // A flush only hands bytes to Kestrel's transport; give it a moment to put them on the socket before the reset.
            await Task.Delay(DropGracePeriod, aborted).ConfigureAwait(false);
            context.Abort();
        }
    }

    /// <summary>About a hundred writes a second at the capped rate: smooth enough to look like a link, few enough timers.</summary>
    private static int PacedChunk(long? bytesPerSecond)
        => bytesPerSecond is { } rate ? (int)Math.Clamp(rate / 100, 1024, FlushThreshold) : FlushThreshold;

    /// <summary>Waits until the bytes already sent are no more than the cap allows since the body began.</summary>
    private static Task KeepToRateAsync(long started, long sent, long bytesPerSecond, CancellationToken cancellationToken)
    {
        TimeSpan due = TimeSpan.FromSeconds((double)sent / bytesPerSecond) - Stopwatch.GetElapsedTime(started);
        return due > TimeSpan.Zero ? Task.Delay(due, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Moves up to <paramref name="count"/> bytes from the source into the pipe's own memory, block by block.</summary>
    private static async ValueTask<int> FillAsync(PipeWriter writer, Stream source, int count, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < count)
        {
            Memory<byte> block = writer.GetMemory();
            int want = Math.Min(block.Length, count - total);
            int read = await source.ReadAsync(block[..want], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            writer.Advance(read);
            total += read;
        }

        return total;
    }

    private static async Task SkipAsync(Stream source, long offset, CancellationToken cancellationToken)
    {
        if (offset == 0)
        {
            return;
        }

        if (source.CanSeek)
        {
            source.Seek(offset, SeekOrigin.Begin);
            return;
        }

        byte[] scratch = ArrayPool<byte>.Shared.Rent(FlushThreshold);
        try
        {
            long left = offset;
            int read;
            while (left > 0 && (read = await source.ReadAsync(scratch.AsMemory(0, (int)Math.Min(scratch.Length, left)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
