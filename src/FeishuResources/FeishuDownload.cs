using System;
using System.IO;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Content;
using FeishuResources.Http;
using FeishuResources.Internal;
using FeishuResources.Transfers;

namespace FeishuResources;

/// <summary>
/// One resource coming off the network: its metadata, available as soon as the headers arrived, and its
/// body as a stream that is read once. Dispose it to release the connection.
/// </summary>
public sealed class FeishuDownload : IDisposable, IAsyncDisposable
{
    private const int CopyBufferSize = 81920;

    private readonly TimeProvider _timeProvider;
    private readonly TransferSettings _settings;
    private readonly HttpContentHeaders? _headers;
    private readonly DownloadStream _body;
    private string? _contentType;
    private string? _fileName;
    private bool _metadataRead;
    private int _disposed;

    internal FeishuDownload(DownloadStream content, string resourceKey, string? contentType, string? fileName, long? contentLength, string? logId, TimeProvider timeProvider)
        : this(content, resourceKey, contentLength, logId, timeProvider, TransferSettings.Default)
    {
        _contentType = contentType;
        _fileName = fileName;
        _metadataRead = true;
    }

    /// <summary>
    /// A download whose <see cref="ContentType"/> and <see cref="FileName"/> are read from <paramref name="headers"/>
    /// on first use: a body that is only streamed never pays for parsing them.
    /// </summary>
    internal FeishuDownload(DownloadStream content, string resourceKey, HttpContentHeaders? headers, long? contentLength, string? logId, TimeProvider timeProvider, TransferSettings settings)
        : this(content, resourceKey, contentLength, logId, timeProvider, settings)
    {
        _headers = headers;
        _metadataRead = headers is null;
    }

    private FeishuDownload(DownloadStream content, string resourceKey, long? contentLength, string? logId, TimeProvider timeProvider, TransferSettings settings)
    {
        _settings = settings;
        _body = content;
        Content = content;
        ResourceKey = resourceKey;
        ContentLength = contentLength;
        LogId = logId;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// The body, streamed from the network as it is read; it is never buffered. It can be read once: once a
    /// copy or save of this download has started, reading it throws <see cref="InvalidOperationException"/>.
    /// When the connection drops, reading continues transparently with a <c>Range</c> request from the
    /// byte where it stopped; a body that still ends early, runs past its length, or cannot be continued
    /// throws <see cref="FeishuDownloadException"/>. Resources over 100 MB arrive here as one stream
    /// fetched in ranged chunks.
    /// </summary>
    public Stream Content { get; }

    /// <summary>The key of the downloaded resource.</summary>
    public string ResourceKey { get; }

    /// <summary>
    /// The <c>Content-Type</c> as Feishu sent it, parameters included: for example <c>image/png</c> or
    /// <c>text/plain; charset=utf-8</c>, so a proxy can pass it on unchanged; <see langword="null"/> when not sent.
    /// </summary>
    public string? ContentType
    {
        get
        {
            ReadMetadata();
            return _contentType;
        }
    }

    /// <summary>
    /// The file name from <c>Content-Disposition</c>, with UTF-8 (Chinese, emoji) names recovered;
    /// <see langword="null"/> when absent or unusable. It is untrusted input: sanitize it before using it as a path.
    /// </summary>
    public string? FileName
    {
        get
        {
            ReadMetadata();
            return _fileName;
        }
    }

    /// <summary>
    /// The name <see cref="SaveToDirectoryAsync"/> saves under (before any <c> (1)</c> for a name already taken):
    /// <see cref="FileName"/> made safe — directory parts, control and invisible format characters (such as
    /// right-to-left overrides), characters invalid on Windows, Linux or macOS and reserved device names
    /// removed, at most 255 UTF-8 bytes with the extension kept — or, without a usable name, the resource key
    /// plus an extension from <see cref="ContentType"/> (<c>img_v3_….png</c>). Use it wherever the download is
    /// named outside the SDK, for example in a <c>Content-Disposition</c> sent on to a browser.
    /// </summary>
    public string SafeFileName => FileNameSanitizer.ForDownload(FileName, ResourceKey, ContentType);

    /// <summary>The body's length in bytes, when the server declared it.</summary>
    public long? ContentLength { get; }

    /// <summary>The <c>X-Tt-Logid</c> of the response: quote it to Feishu support.</summary>
    public string? LogId { get; }

    /// <summary>
    /// Copies the body to <paramref name="destination"/>, reporting bytes copied so far at most every
    /// 64 KiB or 100 ms and once at the end with the total.
    /// </summary>
    /// <param name="destination">A writable stream; it is not disposed.</param>
    /// <param name="progress">Receives the number of bytes copied so far; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task that completes when the whole body was written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not writable.</exception>
    /// <exception cref="InvalidOperationException">The body was already read, copied or saved: it is read once.</exception>
    /// <exception cref="FeishuDownloadException">The body ended before its declared length, or ran past it.</exception>
    public async Task CopyToAsync(Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(destination, nameof(destination));
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream must be writable.", nameof(destination));
        }

        TakeBody();
        var reporter = ProgressReporter.For(progress, _timeProvider);
        reporter.Complete(await CopyBodyAsync(destination, reporter, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Saves the body to <paramref name="path"/>, replacing a file already there. The bytes go to a hidden
    /// temporary file in the same folder, which is flushed to disk and then renamed into place, so
    /// <paramref name="path"/> only ever holds the complete download: on any failure or cancellation the
    /// temporary file is deleted and an existing file is left untouched.
    /// </summary>
    /// <param name="path">The file to write; its folder is created when missing.</param>
    /// <param name="progress">Receives the number of bytes saved so far (at most every 64 KiB or 100 ms, never
    /// decreasing, the last report being the total); may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty, white space, or names a folder.</exception>
    /// <exception cref="InvalidOperationException">The body was already read, copied or saved: it is read once, and nothing is written.</exception>
    /// <exception cref="FeishuDownloadException">The body ended early, ran past its length or <see cref="FeishuResourcesOptions.MaxDownloadBytes"/>, or could not be resumed.</exception>
    /// <exception cref="IOException">The file system refused the write.</exception>
    public Task<string> SaveToFileAsync(string path, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(path, nameof(path));
        string fullPath = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(fullPath);
        if (directory is null || Path.GetFileName(fullPath).Length == 0)
        {
            throw new ArgumentException("The path must name a file, not a folder.", nameof(path));
        }

        TakeBody();
        return AtomicFileWriter.WriteAsync(directory, _ => fullPath, replaceExisting: true, (file, ct) => SaveBodyAsync(file, progress, ct), cancellationToken);
    }

    /// <summary>
    /// Saves the body inside <paramref name="directory"/> under a safe name: <see cref="FileName"/> with
    /// directory parts, <c>..</c>, characters invalid on Windows, Linux or macOS and reserved device names
    /// removed, at most 255 UTF-8 bytes with the extension kept; without a usable name, the resource key plus
    /// an extension from <see cref="ContentType"/>. An existing file is never replaced (unless
    /// <see cref="FeishuResourcesOptions.OverwriteExisting"/> is set): <c>name (1).ext</c>, <c>name (2).ext</c>,
    /// … is chosen instead. Written atomically like <see cref="SaveToFileAsync"/>.
    /// </summary>
    /// <param name="directory">The folder to save in; created when missing. Nothing is ever written outside it.</param>
    /// <param name="progress">Receives the number of bytes saved so far (at most every 64 KiB or 100 ms, never
    /// decreasing, the last report being the total); may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null, empty or white space.</exception>
    /// <exception cref="InvalidOperationException">The body was already read, copied or saved: it is read once, and nothing is written.</exception>
    /// <exception cref="FeishuDownloadException">The body ended early, ran past its length or <see cref="FeishuResourcesOptions.MaxDownloadBytes"/>, or could not be resumed.</exception>
    /// <exception cref="IOException">The file system refused the write.</exception>
    public Task<string> SaveToDirectoryAsync(string directory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(directory, nameof(directory));
        string fullDirectory = Path.GetFullPath(directory);
        TakeBody();
        string name = FileNameSanitizer.ForDownload(FileName, ResourceKey, ContentType);
        return AtomicFileWriter.WriteAsync(
            fullDirectory,
            attempt => FileNameSanitizer.CombineInside(fullDirectory, attempt == 0 ? name : FileNameSanitizer.WithCounter(name, attempt)),
            _settings.OverwriteExisting,
            (file, ct) => SaveBodyAsync(file, progress, ct),
            cancellationToken);
    }

    /// <summary>
    /// Writes the body to a fresh file. When a resume was answered with the whole body instead of the
    /// missing range, the file is emptied and written again from that body; progress reports only new highs,
    /// so it never goes backwards.
    /// </summary>
    private async Task SaveBodyAsync(FileStream file, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var reporter = ProgressReporter.For(progress, _timeProvider);
        if (ParallelChunkWriter.TryGetChunked(Content, _settings.ParallelChunks, out ResumableStream? chunked))
        {
            long written = await ParallelChunkWriter.WriteAsync(chunked, file, _settings.ParallelChunks, reporter, cancellationToken).ConfigureAwait(false);
            reporter.Complete(written);
            return;
        }

        while (true)
        {
            try
            {
                reporter.Complete(await CopyBodyAsync(file, reporter, cancellationToken).ConfigureAwait(false));
                return;
            }
            catch (FeishuDownloadException ex) when (ex.RangeIgnored)
            {
                if (!_body.TryRestartFromFirstByte())
                {
                    throw;
                }

                file.SetLength(0);
                file.Position = 0;
            }
        }
    }

    /// <summary>Claims the body for a copy or save, before anything is written.</summary>
    /// <exception cref="InvalidOperationException">Some of the body was already read: a copy of the rest would pass for the whole.</exception>
    private void TakeBody()
    {
        if (!_body.TryTakeWhole())
        {
            throw new InvalidOperationException("The body of this download was already read, and it can be read once: download the resource again to copy or save it again.");
        }
    }

    /// <summary>Copies with the body's own copy, so the bytes go from the connection's buffer straight to the destination.</summary>
    /// <remarks>A ValueTask: a small body is often copied without waiting, and then no task is allocated for its length.</remarks>
    private async ValueTask<long> CopyBodyAsync(Stream destination, ProgressReporter reporter, CancellationToken cancellationToken)
    {
        var counting = new ProgressDestination(destination, reporter);
        await _body.CopyClaimedToAsync(counting, CopyBufferSize, cancellationToken).ConfigureAwait(false);
        return counting.Written;
    }

    /// <summary>Parses the media type and file name once; the flag is published only after them.</summary>
    private void ReadMetadata()
    {
        if (Volatile.Read(ref _metadataRead))
        {
            return;
        }

        // Reading typed headers parses and caches inside the header store, which is not safe from two
        // threads at once; the store is private to this download, so it serves as the lock.
        lock (_headers!)
        {
            if (!_metadataRead)
            {
                _contentType = _headers.ContentType?.ToString();
                _fileName = ContentDispositionParser.GetFileName(ResponseHeaderReader.First(_headers, "Content-Disposition"));
                Volatile.Write(ref _metadataRead, true);
            }
        }
    }

    /// <summary>
    /// Releases the connection; unread bytes are discarded. A request in flight for the rest of the body (a
    /// resume, the next chunk) is cancelled, and a copy or save under way fails without writing more.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Content.Dispose();
        }
    }

    /// <summary>Releases the connection; unread bytes are discarded.</summary>
    /// <returns>A task that completes when the connection was released.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }
}
