using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Content;

namespace FeishuResources.Messages;

/// <summary>
/// Downloads a message's resources into one folder, a bounded number at a time, each through the client's
/// public download and save methods; a failure becomes that resource's result instead of stopping the rest.
/// </summary>
internal sealed class MessageResourceDownloader
{
    /// <summary>More at once than the per-second quota would only queue at the rate limiter.</summary>
    public const int MaxConcurrencyLimit = 50;

    private readonly IFeishuResourceClient _client;
    private readonly IProgress<FeishuMessageResourceResult>? _progress;
    private readonly SaveNames _names;

    private MessageResourceDownloader(IFeishuResourceClient client, FeishuMessageDownloadOptions options, SaveNames names, IProgress<FeishuMessageResourceResult>? progress)
    {
        _client = client;
        Options = options;
        _names = names;
        _progress = progress;
    }

    public FeishuMessageDownloadOptions Options { get; }

    /// <exception cref="ArgumentOutOfRangeException"><see cref="FeishuMessageDownloadOptions.MaxConcurrency"/> is out of range (named <c>options</c>).</exception>
    public static MessageResourceDownloader Create(IFeishuResourceClient client, string directory, FeishuMessageDownloadOptions? options, IProgress<FeishuMessageResourceResult>? progress)
    {
        options ??= new FeishuMessageDownloadOptions();
        if (options.MaxConcurrency is < 1 or > MaxConcurrencyLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrency, "MaxConcurrency must be between 1 and " + MaxConcurrencyLimit + ".");
        }

        return new MessageResourceDownloader(client, options, new SaveNames(directory, options.OverwriteExisting), progress);
    }

    /// <summary>
    /// The resources worth a request: downloadable ones (covers only when asked for), each (message, key) once.
    /// </summary>
    /// <exception cref="ArgumentException">A resource is null or has no id to download through.</exception>
    public static IReadOnlyList<FeishuMessageResource> Select(IEnumerable<FeishuMessageResource> resources, FeishuMessageDownloadOptions? options, string parameterName)
    {
        bool includeCovers = options?.IncludeVideoCovers ?? false;
        var seen = new HashSet<(string MessageId, string Key)>();
        var selected = new List<FeishuMessageResource>();
        foreach (FeishuMessageResource resource in resources)
        {
            if (resource?.DownloadMessageId is not { } messageId)
            {
                throw new ArgumentException(
                    resource is null ? "The resources contain null." : "The resource '" + resource.Key + "' has no message id: parse the content with its message id.",
                    parameterName);
            }

            if (resource.IsDownloadable
                && (includeCovers || resource.Kind != FeishuMessageResourceKind.VideoCover)
                && seen.Add((messageId, resource.Key)))
            {
                selected.Add(resource);
            }
        }

        return selected;
    }

    public async Task<IReadOnlyList<FeishuMessageResourceResult>> DownloadAsync(IReadOnlyList<FeishuMessageResource> resources, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(Options.MaxConcurrency);
        var downloads = new Task<FeishuMessageResourceResult>[resources.Count];
        for (int i = 0; i < downloads.Length; i++)
        {
            downloads[i] = DownloadOneAsync(resources[i], gate, cancellationToken);
        }

        return await Task.WhenAll(downloads).ConfigureAwait(false);
    }

    private async Task<FeishuMessageResourceResult> DownloadOneAsync(FeishuMessageResource resource, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        FeishuMessageResourceResult result;
        try
        {
            result = new FeishuMessageResourceResult(resource, await SaveAsync(resource, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = new FeishuMessageResourceResult(resource, null, exception);
        }
        finally
        {
            gate.Release();
        }

        _progress?.Report(result);
        return result;
    }

    private async Task<string> SaveAsync(FeishuMessageResource resource, CancellationToken cancellationToken)
    {
        FeishuDownload download = await _client.DownloadMessageResourceAsync(resource.DownloadMessageId!, resource.Key, resource.Type!.Value, Options.RequestOptions, cancellationToken).ConfigureAwait(false);
        using (download)
        {
            // The content's file_name is clean UTF-8; the header's name (or the key) only stands in for it.
            return await _names.SaveAsync(download, FileNameSanitizer.Sanitize(resource.FileName) ?? download.SafeFileName, cancellationToken).ConfigureAwait(false);
        }
    }
}
