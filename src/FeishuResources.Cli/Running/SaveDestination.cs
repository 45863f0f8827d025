using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Cli.Running;

/// <summary>
/// Where <c>-o</c> puts a download: an existing folder, or a path ending in a separator, gets a safe name
/// chosen from the download (never overwriting); any other path is the file itself (replaced atomically).
/// </summary>
internal sealed record SaveDestination(string Path, bool IsDirectory)
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

    public static SaveDestination Directory(string path) => new(path, IsDirectory: true);

    public Task<string> SaveAsync(FeishuDownload download, IProgress<long> progress, CancellationToken cancellationToken)
        => IsDirectory
            ? download.SaveToDirectoryAsync(Path, progress, cancellationToken)
            : download.SaveToFileAsync(Path, progress, cancellationToken);
}
