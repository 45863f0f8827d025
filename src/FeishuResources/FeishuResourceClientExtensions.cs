using System;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Internal;

namespace FeishuResources;

/// <summary>
/// Download-and-save in one call, for when the bytes only need to end up in a file. Each method validates
/// its arguments before any request, saves atomically (see <see cref="FeishuDownload.SaveToFileAsync"/>)
/// and releases the connection.
/// </summary>
public static class FeishuResourceClientExtensions
{
    /// <summary>Downloads a file this bot uploaded and saves it inside <paramref name="directory"/> under a safe name.</summary>
    /// <param name="client">The client.</param>
    /// <param name="fileKey">The file key returned when the bot uploaded the file.</param>
    /// <param name="directory">The folder to save in; created when missing.</param>
    /// <param name="progress">Receives the number of bytes saved so far; may be <see langword="null"/>.</param>
    /// <param name="requestOptions">Per-call choices such as the tenant; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the download and the save.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentException">An argument is null, empty or white space.</exception>
    /// <exception cref="FeishuApiException">The platform refused the request.</exception>
    /// <exception cref="FeishuDownloadException">The body was incomplete and could not be resumed.</exception>
    public static Task<string> DownloadFileToDirectoryAsync(this IFeishuResourceClient client, string fileKey, string directory, IProgress<long>? progress = null, FeishuRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(client, nameof(client));
        Guard.NotNullOrWhiteSpace(fileKey, nameof(fileKey));
        Guard.NotNullOrWhiteSpace(directory, nameof(directory));
        return SaveAsync(client.DownloadFileAsync(fileKey, requestOptions, cancellationToken), d => d.SaveToDirectoryAsync(directory, progress, cancellationToken));
    }

    /// <summary>Downloads a file this bot uploaded and saves it as <paramref name="path"/>, replacing a file already there.</summary>
    /// <param name="client">The client.</param>
    /// <param name="fileKey">The file key returned when the bot uploaded the file.</param>
    /// <param name="path">The file to write; its folder is created when missing.</param>
    /// <param name="progress">Receives the number of bytes saved so far; may be <see langword="null"/>.</param>
    /// <param name="requestOptions">Per-call choices such as the tenant; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the download and the save.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentException">An argument is null, empty or white space.</exception>
    /// <exception cref="FeishuApiException">The platform refused the request.</exception>
    /// <exception cref="FeishuDownloadException">The body was incomplete and could not be resumed.</exception>
    public static Task<string> DownloadFileToPathAsync(this IFeishuResourceClient client, string fileKey, string path, IProgress<long>? progress = null, FeishuRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(client, nameof(client));
        Guard.NotNullOrWhiteSpace(fileKey, nameof(fileKey));
        Guard.NotNullOrWhiteSpace(path, nameof(path));
        return SaveAsync(client.DownloadFileAsync(fileKey, requestOptions, cancellationToken), d => d.SaveToFileAsync(path, progress, cancellationToken));
    }

    /// <summary>Downloads an image, file, audio or video inside a message and saves it inside <paramref name="directory"/> under a safe name.</summary>
    /// <param name="client">The client.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="fileKey">The resource key from the message content.</param>
    /// <param name="type"><see cref="FeishuResourceType.Image"/> for images; <see cref="FeishuResourceType.File"/> for files, audio and video.</param>
    /// <param name="directory">The folder to save in; created when missing.</param>
    /// <param name="progress">Receives the number of bytes saved so far; may be <see langword="null"/>.</param>
    /// <param name="requestOptions">Per-call choices such as the tenant; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the download and the save.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentException">An argument is null, empty or white space, or <paramref name="type"/> is not defined.</exception>
    /// <exception cref="FeishuApiException">The platform refused the request.</exception>
    /// <exception cref="FeishuDownloadException">The body was incomplete and could not be resumed.</exception>
    public static Task<string> DownloadMessageResourceToDirectoryAsync(this IFeishuResourceClient client, string messageId, string fileKey, FeishuResourceType type, string directory, IProgress<long>? progress = null, FeishuRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(client, nameof(client));
        Guard.NotNullOrWhiteSpace(directory, nameof(directory));
        return SaveAsync(client.DownloadMessageResourceAsync(messageId, fileKey, type, requestOptions, cancellationToken), d => d.SaveToDirectoryAsync(directory, progress, cancellationToken));
    }

    /// <summary>Downloads an image, file, audio or video inside a message and saves it as <paramref name="path"/>, replacing a file already there.</summary>
    /// <param name="client">The client.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="fileKey">The resource key from the message content.</param>
    /// <param name="type"><see cref="FeishuResourceType.Image"/> for images; <see cref="FeishuResourceType.File"/> for files, audio and video.</param>
    /// <param name="path">The file to write; its folder is created when missing.</param>
    /// <param name="progress">Receives the number of bytes saved so far; may be <see langword="null"/>.</param>
    /// <param name="requestOptions">Per-call choices such as the tenant; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the download and the save.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentException">An argument is null, empty or white space, or <paramref name="type"/> is not defined.</exception>
    /// <exception cref="FeishuApiException">The platform refused the request.</exception>
    /// <exception cref="FeishuDownloadException">The body was incomplete and could not be resumed.</exception>
    public static Task<string> DownloadMessageResourceToPathAsync(this IFeishuResourceClient client, string messageId, string fileKey, FeishuResourceType type, string path, IProgress<long>? progress = null, FeishuRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(client, nameof(client));
        Guard.NotNullOrWhiteSpace(path, nameof(path));
        return SaveAsync(client.DownloadMessageResourceAsync(messageId, fileKey, type, requestOptions, cancellationToken), d => d.SaveToFileAsync(path, progress, cancellationToken));
    }

    private static async Task<string> SaveAsync(Task<FeishuDownload> downloading, Func<FeishuDownload, Task<string>> save)
    {
        FeishuDownload download = await downloading.ConfigureAwait(false);
        using (download)
        {
            return await save(download).ConfigureAwait(false);
        }
    }
}
