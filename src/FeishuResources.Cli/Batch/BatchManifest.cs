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
/// still there, inside the folder, with the recorded length. A manifest of another version, or of a shape
/// this tool never writes, is refused rather than guessed at.
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

    /// <summary>The manifest file.</summary>
    public string FilePath => _path;

    public static async Task<BatchManifest> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            var manifest = new BatchManifest(directory, new ManifestDocument());
            manifest.ClaimName();
            return manifest;
        }

        ManifestDocument? document;
        try
        {
            FileStream file = File.OpenRead(path);
            await using (file.ConfigureAwait(false))
            {
                document = await JsonSerializer.DeserializeAsync(file, CliJsonContext.Readable.ManifestDocument, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException exception)
        {
            throw Damaged(path, exception.Message, exception);
        }

        if (document is not null && document.Version != ManifestDocument.CurrentVersion)
        {
            throw new InvalidDataException(
                $"The batch manifest '{path}' has version {document.Version}; this feishu-resources reads version {ManifestDocument.CurrentVersion}. Use the feishu-resources that wrote it, or delete the file to download every item again.");
        }

        return ManifestCheck.Problem(document) is { } problem
            ? throw Damaged(path, problem)
            : new BatchManifest(directory, document!);
    }

    /// <summary>
    /// The file recorded for <paramref name="target"/>, when it is a regular file directly inside the folder;
    /// <see langword="null"/> when nothing is recorded, or what is recorded is gone, a link, or anywhere else
    /// (an edited manifest must not make <c>/etc/passwd</c> count as a saved item, nor have it replaced).
    /// </summary>
    public RecordedFile? Find(DownloadTarget target)
    {
        ManifestEntry? entry;
        lock (_document)
        {
            if (!_document.Items.TryGetValue(target.ToString(), out entry))
            {
                return null;
            }
        }

        return FileInside(entry.File) is { } file ? new RecordedFile(file.FullName, file.Length, file.Length == entry.Bytes) : null;
    }

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

            AtomicFile.Write(_path, json);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static InvalidDataException Damaged(string path, string problem, Exception? inner = null)
        => new($"The batch manifest '{path}' is damaged ({problem}); delete it to download every item again.", inner);

    /// <summary>
    /// Writes the empty manifest before any download, so no download can be saved under its name: saves into
    /// a folder never replace a file that is there. Where it cannot be written (a read-only folder, a folder
    /// in its place), each item's record fails later and says so.
    /// </summary>
    private void ClaimName()
    {
        try
        {
            AtomicFile.Write(_path, JsonSerializer.SerializeToUtf8Bytes(_document, CliJsonContext.Readable.ManifestDocument));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Reported per item, with the item's name, when its record is written.
        }
    }

    /// <summary>A recorded name, as a regular file directly inside the folder after full resolution; not a link, not the manifest.</summary>
    private FileInfo? FileInside(string name)
    {
        if (name != Path.GetFileName(name) || name is "." or ".." || string.Equals(name, FileName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var file = new FileInfo(Path.GetFullPath(Path.Combine(_directory, name)));
        bool inside = string.Equals(file.DirectoryName, Path.TrimEndingDirectorySeparator(_directory), StringComparison.Ordinal);
        return inside && file.Exists && file.LinkTarget is null ? file : null;
    }
}
