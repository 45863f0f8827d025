using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Content;
using FeishuResources.Internal;

namespace FeishuResources.Transfers;

/// <summary>
/// Saves a download's body as a file: atomically (<see cref="AtomicFileWriter"/>), under the path given or a
/// safe name picked in a folder, starting over when a resume was answered with the whole body, and — for a
/// resource larger than one range whose server serves ranges, when <see cref="FeishuResourcesOptions.ParallelChunks"/>
/// &gt; 1 — in several <c>Range</c> requests in flight, each writing at its own offset. Every request goes through
/// the client's handlers, so each one still takes a rate-limit permit.
/// </summary>
internal static class FileDownloader
{
    private const int BufferSize = 81920;

    public static Task<string> SaveToFileAsync(FeishuDownload download, string path, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        Guard.NotNullOrWhiteSpace(path, nameof(path));
        string fullPath = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(fullPath);
        if (directory is null || Path.GetFileName(fullPath).Length == 0)
        {
            throw new ArgumentException("The path must name a file, not a folder.", nameof(path));
        }

        ResumableBodyStream body = download.TakeBody();
        return AtomicFileWriter.WriteAsync(directory, _ => fullPath, replaceExisting: true, (file, ct) => WriteAsync(download, body, file, progress, ct), cancellationToken);
    }

    public static Task<string> SaveToDirectoryAsync(FeishuDownload download, string directory, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        Guard.NotNullOrWhiteSpace(directory, nameof(directory));
        string fullDirectory = Path.GetFullPath(directory);
        ResumableBodyStream body = download.TakeBody();
        string name = download.SafeFileName;
        return AtomicFileWriter.WriteAsync(
            fullDirectory,
            attempt => FileNameSanitizer.CombineInside(fullDirectory, attempt == 0 ? name : FileNameSanitizer.WithCounter(name, attempt)),
            download.Settings.OverwriteExisting,
            (file, ct) => WriteAsync(download, body, file, progress, ct),
            cancellationToken);
    }

    /// <summary>
    /// Writes the body to a fresh file. When a resume was answered with the whole body instead of the
    /// missing range, the file is emptied and written again from that body; progress reports only new highs,
    /// so it never goes backwards.
    /// </summary>
    private static async Task WriteAsync(FeishuDownload download, ResumableBodyStream body, FileStream file, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var reporter = ProgressReporter.For(progress, download.TimeProvider);
        if (IsParallel(body, download.Settings))
        {
            reporter.Complete(await WriteRangesAsync(body, file, download.Settings, reporter, cancellationToken).ConfigureAwait(false));
            return;
        }

        while (true)
        {
            try
            {
                reporter.Complete(await body.CopyClaimedAsync(file, BufferSize, reporter, cancellationToken).ConfigureAwait(false));
                return;
            }
            catch (FeishuDownloadException ex) when (ex.RangeIgnored)
            {
                if (!body.TryRestartFromFirstByte())
                {
                    throw;
                }

                file.SetLength(0);
                file.Position = 0;
            }
        }
    }

    /// <summary>
    /// Whether this client's saves fetch large resources in parallel ranges, so its downloads start with a
    /// ranged probe: <see cref="FeishuResourcesOptions.ParallelChunks"/> &gt; 1, on a platform with positional
    /// writes (.NET 6 and later).
    /// </summary>
    public static bool SavesInParallel(TransferSettings settings)
#if NET6_0_OR_GREATER
        => settings.ParallelChunks > 1;
#else
        => false;
#endif

    /// <summary>
    /// True for an unread body that began with a range (the server serves ranges and stated the total) of a
    /// resource larger than one range: only then do more connections gain anything.
    /// </summary>
    private static bool IsParallel(ResumableBodyStream body, TransferSettings settings)
        => SavesInParallel(settings) && body is { StartsWithRange: true, Total: long total } && total > settings.RangeChunkSize;

    /// <summary>
    /// Splits the resource into at most <see cref="TransferSettings.ParallelChunks"/> ranges of at least
    /// <see cref="TransferSettings.RangeChunkSize"/> bytes and writes each at its offset, all at once; returns
    /// the total. The first range continues the response already open (the probe), so a save costs at most one
    /// request more than it has ranges.
    /// </summary>
    private static async Task<long> WriteRangesAsync(ResumableBodyStream body, FileStream file, TransferSettings settings, ProgressReporter reporter, CancellationToken cancellationToken)
    {
#if NET6_0_OR_GREATER
        long total = body.Total!.Value;
        int parallelChunks = settings.ParallelChunks;
        long rangeSize = Math.Max((total + parallelChunks - 1) / parallelChunks, settings.RangeChunkSize);
        if (body.Rules.ChunkSize is int chunk)
        {
            // Fetched chunk by chunk (over 100 MiB): whole chunks per range, so no range ends in a short chunk
            // and the save costs one request per chunk, as a sequential one would.
            rangeSize = (rangeSize + chunk - 1) / chunk * chunk;
        }

        long ranges = (total + rangeSize - 1) / rangeSize;

        // The first range starts with the response already open; the others are fetched by the workers.
        body.EndAt(rangeSize);
        // Stryker disable once Statement : equivalent — positional writes grow the file, and a save succeeds only once the last range was written up to the total; pre-sizing only spares the file system growing it.
        file.SetLength(total);

        var progress = new SharedProgress(reporter);
        long nextRange = -1;

        // Disposing the download stops every worker, as one failed range does.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, body.DisposalToken);

        async Task WorkAsync()
        {
            try
            {
                long index;
                while ((index = Interlocked.Increment(ref nextRange)) < ranges)
                {
                    long start = index * rangeSize;
                    long end = Math.Min(start + rangeSize, total);
                    ResumableBodyStream source = index == 0 ? body : body.Slice(start, end);
                    try
                    {
                        await CopyAtAsync(source, file, start, end, progress, failed.Token).ConfigureAwait(false);
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
                // One failed range fails the save: stop the others instead of fetching bytes nobody keeps.
                body.Rules.Telemetry?.BodyFailed(ex);
                failed.Cancel();
                throw;
            }
        }

        // Stryker disable once Linq : equivalent — there are never more ranges than ParallelChunks, so Max only starts workers that find no range left.
        await Task.WhenAll(Enumerable.Range(0, (int)Math.Min(parallelChunks, ranges)).Select(_ => WorkAsync())).ConfigureAwait(false);
        body.Rules.Telemetry?.Completed();
        return total;
#else
        await Task.CompletedTask.ConfigureAwait(false);
        throw new PlatformNotSupportedException("Parallel ranges need positional file writes (.NET 6 or later).");
#endif
    }

#if NET6_0_OR_GREATER
    private static async Task CopyAtAsync(ResumableBodyStream source, FileStream file, long start, long end, SharedProgress progress, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = start;
            int read;
            while ((read = await source.ReadClaimedAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await RandomAccess.WriteAsync(file.SafeFileHandle, buffer.AsMemory(0, read), offset, cancellationToken).ConfigureAwait(false);
                offset += read;
                progress.Add(read);
            }

            if (offset != end)
            {
                // Stryker disable once Arithmetic : equivalent — only the first range (start 0) can end short here (a slice's short part is a drop its body reports itself), so ± start changes nothing.
                throw FeishuDownloadException.Truncated(source.Rules.ResourceKey, offset - start, end - start, null, null);
            }
        }
        finally
        {
            // Stryker disable once Statement : equivalent — the pool only saves an allocation; a buffer not returned is collected.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The one progress reporter, fed by several workers.</summary>
    private sealed class SharedProgress(ProgressReporter reporter)
    {
        private long _bytes;

        public void Add(int bytes)
        {
            lock (reporter)
            {
                _bytes += bytes;
                reporter.Advance(_bytes);
            }
        }
    }
#endif
}
