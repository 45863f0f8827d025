using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Content;
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

    private readonly ResumableBodyStream _body;
    private int _disposed;

    internal FeishuDownload(ResumableBodyStream body, string resourceKey, string? contentType, string? fileName, long? contentLength, string? logId, TimeProvider timeProvider, TransferSettings settings)
    {
        _body = body;
        ResourceKey = resourceKey;
        ContentType = contentType;
        FileName = fileName;
        ContentLength = contentLength;
        LogId = logId;
        TimeProvider = timeProvider;
        Settings = settings;
    }

    /// <summary>
    /// The body, streamed from the network as it is read; it is never buffered. It can be read once: once a
    /// copy or save of this download has started, reading it throws <see cref="InvalidOperationException"/>.
    /// When the connection drops, reading continues transparently with a <c>Range</c> request from the
    /// byte where it stopped; a body that still ends early, runs past its length, or cannot be continued
    /// throws <see cref="FeishuDownloadException"/>. Resources over 100 MB arrive here as one stream
    /// fetched in ranged chunks.
    /// </summary>
    public Stream Content => _body;

    /// <summary>The key of the downloaded resource.</summary>
    public string ResourceKey { get; }

    /// <summary>
    /// The <c>Content-Type</c> as Feishu sent it, parameters included: for example <c>image/png</c> or
    /// <c>text/plain; charset=utf-8</c>, so a proxy can pass it on unchanged; <see langword="null"/> when not sent.
    /// </summary>
    public string? ContentType { get; }

    /// <summary>
    /// The file name from <c>Content-Disposition</c>, with UTF-8 (Chinese, emoji) names recovered;
    /// <see langword="null"/> when absent or unusable. It is untrusted input: sanitize it before using it as a path.
    /// </summary>
    public string? FileName { get; }

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

    /// <summary>The clock progress is timed by.</summary>
    internal TimeProvider TimeProvider { get; }

    /// <summary>The transfer choices of the client the download came from.</summary>
    internal TransferSettings Settings { get; }

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

        ResumableBodyStream body = TakeBody();
        var reporter = ProgressReporter.For(progress, TimeProvider);
        reporter.Complete(await body.CopyClaimedAsync(destination, CopyBufferSize, reporter, cancellationToken).ConfigureAwait(false));
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
        => FileDownloader.SaveToFileAsync(this, path, progress, cancellationToken);

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
        => FileDownloader.SaveToDirectoryAsync(this, directory, progress, cancellationToken);

    /// <summary>Claims the body for a copy or save, before anything is written.</summary>
    /// <exception cref="InvalidOperationException">Some of the body was already read: a copy of the rest would pass for the whole.</exception>
    internal ResumableBodyStream TakeBody()
    {
        if (!_body.TryTakeWhole())
        {
            throw new InvalidOperationException("The body of this download was already read, and it can be read once: download the resource again to copy or save it again.");
        }

        return _body;
    }

    /// <summary>
    /// Releases the connection; unread bytes are discarded. A request in flight for the rest of the body (a
    /// resume, the next chunk) is cancelled, and a copy or save under way fails without writing more.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _body.Dispose();
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
