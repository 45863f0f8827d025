using System;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Cli.Running;

/// <summary>
/// Where a download goes: an existing folder, or a path ending in a separator, gets a safe name chosen from
/// the download — the server's, or with <see cref="ItemNaming.Key"/> the resource key's — never overwriting;
/// any other path is the file itself (replaced atomically).
/// </summary>
internal sealed record SaveDestination(string Path, bool IsDirectory, ItemNaming Naming = ItemNaming.Server)
{
    public static SaveDestination Resolve(string? output, string currentDirectory)
    {
        if (string.IsNullOrEmpty(output))
        {
            return Directory(currentDirectory);
        }

        string full = System.IO.Path.GetFullPath(output, currentDirectory);
        bool isDirectory = System.IO.Path.EndsInDirectorySeparator(output) || System.IO.Directory.Exists(full);
        return new SaveDestination(full, isDirectory);
    }

    public static SaveDestination Directory(string path, ItemNaming naming = ItemNaming.Server) => new(path, IsDirectory: true, naming);

    /// <summary>A folder whatever <paramref name="output"/> looks like (the current one when not given), for commands that save several files.</summary>
    public static string Folder(string? output, string currentDirectory)
        => string.IsNullOrEmpty(output) ? currentDirectory : System.IO.Path.GetFullPath(output, currentDirectory);

    /// <summary>Exactly this file, replacing what is there.</summary>
    public static SaveDestination File(string path) => new(path, IsDirectory: false);

    public Task<string> SaveAsync(FeishuDownload download, IProgress<long> progress, CancellationToken cancellationToken) => (IsDirectory, Naming) switch
    {
        (false, _) => download.SaveToFileAsync(Path, progress, cancellationToken),
        (true, ItemNaming.Key) => KeyNamedSave.SaveAsync(download, Path, progress, cancellationToken),
        _ => download.SaveToDirectoryAsync(Path, progress, cancellationToken),
    };
}
