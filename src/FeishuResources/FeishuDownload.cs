using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Transfers;

namespace FeishuResources;

/// <summary>
/// One resource coming off the network: its metadata, available as soon as the headers arrived, and its
/// body as a stream that is read once. Dispose it to release the connection.
/// </summary>
public sealed class FeishuDownload : IDisposable, IAsyncDisposable
{
    private const int CopyBufferSize = 81920;

    private readonly IDisposable? _owner;
    private readonly TimeProvider _timeProvider;
    private int _disposed;

    internal FeishuDownload(Stream content, string resourceKey, string? contentType, string? fileName, long? contentLength, string? logId, IDisposable? owner, TimeProvider timeProvider)
    {
        Content = content;
        ResourceKey = resourceKey;
        ContentType = contentType;
        FileName = fileName;
        ContentLength = contentLength;
        LogId = logId;
        _owner = owner;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// The body, streamed from the network as it is read; it is never buffered. It can be read once;
    /// reading past a body that ended early throws <see cref="FeishuDownloadException"/>.
    /// </summary>
    public Stream Content { get; }

    /// <summary>The key of the downloaded resource.</summary>
    public string ResourceKey { get; }

    /// <summary>The media type, for example <c>image/png</c>; <see langword="null"/> when not sent.</summary>
    public string? ContentType { get; }

    /// <summary>
    /// The file name from <c>Content-Disposition</c>, with UTF-8 (Chinese, emoji) names recovered;
    /// <see langword="null"/> when absent or unusable. It is untrusted input: sanitize it before using it as a path.
    /// </summary>
    public string? FileName { get; }

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
    /// <exception cref="FeishuDownloadException">The body ended before its declared length, or ran past it.</exception>
    public async Task CopyToAsync(Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream must be writable.", nameof(destination));
        }

        var reporter = new ProgressReporter(progress, _timeProvider);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await WriteAsync(destination, buffer, read, cancellationToken).ConfigureAwait(false);
                total += read;
                reporter.Advance(total);
            }

            reporter.Complete(total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Releases the connection; unread bytes are discarded.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Content.Dispose();
            _owner?.Dispose();
        }
    }

    /// <summary>Releases the connection; unread bytes are discarded.</summary>
    /// <returns>A task that completes when the connection was released.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private Task<int> ReadAsync(byte[] buffer, CancellationToken cancellationToken)
#if NET
        => Content.ReadAsync(buffer.AsMemory(), cancellationToken).AsTask();
#else
        => Content.ReadAsync(buffer, 0, buffer.Length, cancellationToken);
#endif

    private static Task WriteAsync(Stream destination, byte[] buffer, int count, CancellationToken cancellationToken)
#if NET
        => destination.WriteAsync(buffer.AsMemory(0, count), cancellationToken).AsTask();
#else
        => destination.WriteAsync(buffer, 0, count, cancellationToken);
#endif
}
