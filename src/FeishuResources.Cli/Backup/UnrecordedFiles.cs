using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace FeishuResources.Cli.Backup;

/// <summary>
/// The files in the backup folder that no index record names, found when a run starts. After a crash they are the
/// files renamed into place before their record was written: the run fetches such a resource again, the new copy lands
/// as <c>name (1).ext</c>, and <see cref="TakeCopyOfAsync"/> finds the one it repeats — same name but for the counter, same
/// bytes — so the run keeps the first file and records it instead of leaving two.
/// </summary>
internal sealed partial class UnrecordedFiles
{
    private readonly string _directory;
    private readonly Dictionary<string, List<string>> _byBaseName = new(StringComparer.Ordinal);

    private UnrecordedFiles(string directory) => _directory = directory;

    /// <summary>The visible files of <paramref name="directory"/> whose path relative to it is not in <paramref name="recorded"/>.</summary>
    public static UnrecordedFiles Find(string directory, IReadOnlySet<string> recorded)
    {
        var found = new UnrecordedFiles(directory);
        foreach (string path in Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(path);
            if (!name.StartsWith('.') && name != BackupIndex.FileName && !recorded.Contains(name))
            {
                found.Add(name);
            }
        }

        return found;
    }

    /// <summary>
    /// The unrecorded file that <paramref name="saved"/> (just saved, its length and SHA-256 given) repeats, removed from
    /// this set; null when there is none.
    /// </summary>
    public async Task<string?> TakeCopyOfAsync(string saved, long bytes, string sha256)
    {
        List<string>? candidates;
        lock (_byBaseName)
        {
            if (!_byBaseName.TryGetValue(BaseName(Path.GetFileName(saved)), out candidates))
            {
                return null;
            }

            candidates = [.. candidates];
        }

        foreach (string name in candidates)
        {
            if (name == Path.GetFileName(saved))
            {
                continue;
            }

            string path = Path.Combine(_directory, name);
            if (new FileInfo(path) is { Exists: true } file && file.Length == bytes
                && (await FileHash.Sha256Async(path).ConfigureAwait(false)).Sha256 == sha256 && Take(name))
            {
                return path;
            }
        }

        return null;
    }

    private void Add(string name)
    {
        string baseName = BaseName(name);
        if (!_byBaseName.TryGetValue(baseName, out List<string>? names))
        {
            _byBaseName[baseName] = names = [];
        }

        names.Add(name);
    }

    private bool Take(string name)
    {
        lock (_byBaseName)
        {
            return _byBaseName.TryGetValue(BaseName(name), out List<string>? names) && names.Remove(name);
        }
    }

    /// <summary>The name without the SDK's counter for a taken name: <c>a (2).pdf</c> → <c>a.pdf</c>.</summary>
    private static string BaseName(string name)
    {
        string extension = Path.GetExtension(name);
        Match counted = Counter().Match(name[..^extension.Length]);
        return counted.Success ? counted.Groups[1].Value + extension : name;
    }

    [GeneratedRegex(@"^(.*) \(\d+\)$")]
    private static partial Regex Counter();
}
