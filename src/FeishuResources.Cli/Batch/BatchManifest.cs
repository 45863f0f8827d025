using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Cli.Json;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Batch;

/// <summary>
/// The record a batch keeps in its folder of the items it saved completely, so a re-run skips them. It is
/// rewritten after each saved item through a temporary file and a rename: an interrupted run leaves the
/// previous manifest or the new one, never half of one. An item counts as saved only while its file is
/// still there with the recorded length. A manifest of another version is refused rather than guessed at.
/// </summary>
internal sealed class BatchManifest
{
    public const string FileName = ".feishu-resources-manifest.json";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _directory;
    private readonly string _path;
    private readonly ManifestDocument _document;

    private BatchManifest(string directory, ManifestDocument document)
    {
        _directory = directory;
        _path = Path.Combine(directory, FileName);
        _document = document;
    }

    public static async Task<BatchManifest> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return new BatchManifest(directory, new ManifestDocument());
        }

        try
        {
            FileStream file = File.OpenRead(path);
            await using (file.ConfigureAwait(false))
            {
                ManifestDocument document = await JsonSerializer.DeserializeAsync(file, CliJsonContext.Readable.ManifestDocument, cancellationToken).ConfigureAwait(false)
                    ?? new ManifestDocument();
                if (document.Version != ManifestDocument.CurrentVersion)
                {
                    throw new InvalidDataException(
                        $"The batch manifest '{path}' has version {document.Version}; this feishu-resources reads version {ManifestDocument.CurrentVersion}. Use the feishu-resources that wrote it, or delete the file to download every item again.");
                }

                return new BatchManifest(directory, document);
            }
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The batch manifest '{path}' is damaged ({exception.Message}); delete it to download every item again.", exception);
        }
    }

    public bool TryGetSaved(DownloadTarget target, out string path, out long bytes)
    {
        path = string.Empty;
        bytes = 0;
        ManifestEntry? entry;
        lock (_document)
        {
            if (!_document.Items.TryGetValue(target.ToString(), out entry))
            {
                return false;
            }
        }

        var file = new FileInfo(Path.Combine(_directory, entry.File));
        if (!file.Exists || file.Length != entry.Bytes)
        {
            return false;
        }

        path = file.FullName;
        bytes = entry.Bytes;
        return true;
    }

    /// <summary>The manifest file.</summary>
    public string FilePath => _path;

    /// <summary>
    /// Records an item whose file is saved. It takes no cancellation: the write is tiny, and a Ctrl+C between
    /// the save and the record would make the re-run fetch the item again as <c>name (1).ext</c>.
    /// </summary>
    public async Task RecordAsync(DownloadTarget target, string savedPath, long bytes)
    {
        await _writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            byte[] json;
            lock (_document)
            {
                _document.Items[target.ToString()] = new ManifestEntry(Path.GetRelativePath(_directory, savedPath), bytes, DateTimeOffset.UtcNow);
                json = JsonSerializer.SerializeToUtf8Bytes(_document, CliJsonContext.Readable.ManifestDocument);
            }

            string temporary = _path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                FileStream file = new(temporary, FileMode.CreateNew, FileAccess.Write);
                await using (file.ConfigureAwait(false))
                {
                    await file.WriteAsync(json, CancellationToken.None).ConfigureAwait(false);
                    file.Flush(flushToDisk: true);
                }

                File.Move(temporary, _path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
