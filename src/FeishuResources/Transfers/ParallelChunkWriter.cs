using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Transfers;

/// <summary>
/// Saves a chunked download with several <c>Range</c> requests in flight, each writing at its own
/// offset of the file. Every request goes through the client's handlers, so each one still takes a
/// rate-limit permit. Needs positional writes (<c>RandomAccess</c>, .NET 6 and later); elsewhere saves
/// stay sequential.
/// </summary>
internal static class ParallelChunkWriter
{
    private const int BufferSize = 81920;

    /// <summary>Finds the resumable stream of <paramref name="content"/> when it is an unread chunked download with more than one chunk.</summary>
    public static bool TryGetChunked(Stream content, int parallelChunks, [NotNullWhen(true)] out ResumableStream? chunked)
    {
#if NET6_0_OR_GREATER
        if (parallelChunks > 1
            && content is DownloadStream { Position: 0, Resumable: { ChunkSize: int chunk, Position: 0, Total: long total } resumable }
            && total > chunk)
        {
            chunked = resumable;
            return true;
        }
#endif
        chunked = null;
        return false;
    }

    /// <summary>Writes all bytes of <paramref name="first"/>'s resource into <paramref name="file"/>; returns the total.</summary>
    public static async Task<long> WriteAsync(ResumableStream first, FileStream file, int parallelChunks, ProgressReporter reporter, CancellationToken cancellationToken)
    {
#if NET6_0_OR_GREATER
        long total = first.Total!.Value;
        int chunkSize = first.ChunkSize!.Value;
        long chunks = (total + chunkSize - 1) / chunkSize;

        // The first chunk is the response already open; the others are fetched by the workers.
        first.EndAt(chunkSize);
        file.SetLength(total);

        var progress = new SharedProgress(reporter);
        long nextChunk = -1;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task WorkAsync()
        {
            try
            {
                long index;
                while ((index = Interlocked.Increment(ref nextChunk)) < chunks)
                {
                    long start = index * chunkSize;
                    long end = Math.Min(start + chunkSize, total);
                    Stream source = index == 0 ? first : first.Slice(start, end);
                    try
                    {
                        await CopyAtAsync(source, file, start, end, first.Requester.ResourceKey, progress, failed.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        if (index != 0)
                        {
                            source.Dispose();
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                // One failed chunk fails the save: stop the others instead of fetching bytes nobody keeps.
                first.Requester.Telemetry?.BodyFailed(ex);
                failed.Cancel();
                throw;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, (int)Math.Min(parallelChunks, chunks)).Select(_ => WorkAsync())).ConfigureAwait(false);
        first.Requester.Telemetry?.Completed();
        return total;
#else
        await Task.CompletedTask.ConfigureAwait(false);
        throw new PlatformNotSupportedException("Parallel chunks need positional file writes (.NET 6 or later).");
#endif
    }

#if NET6_0_OR_GREATER
    private static async Task CopyAtAsync(Stream source, FileStream file, long start, long end, string resourceKey, SharedProgress progress, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = start;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                await RandomAccess.WriteAsync(file.SafeFileHandle, buffer.AsMemory(0, read), offset, cancellationToken).ConfigureAwait(false);
                offset += read;
                progress.Add(read);
            }

            if (offset != end)
            {
                throw FeishuDownloadException.Truncated(resourceKey, offset - start, end - start, null, null);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The one progress reporter, fed by several workers.</summary>
    private sealed class SharedProgress
    {
        private readonly ProgressReporter _reporter;
        private long _bytes;

        public SharedProgress(ProgressReporter reporter) => _reporter = reporter;

        public void Add(int bytes)
        {
            lock (_reporter)
            {
                _bytes += bytes;
                _reporter.Advance(_bytes);
            }
        }
    }
#endif
}
