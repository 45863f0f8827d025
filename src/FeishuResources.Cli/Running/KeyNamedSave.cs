using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Cli.Running;

/// <summary>
/// Saves a download into a folder under its resource key (<c>file_v3_….pdf</c>). The SDK saves it atomically,
/// under its own safe name, into a private folder beside the target; it is then moved into the folder under
/// the key's name without ever replacing a file (<c>key (1).ext</c> when taken), so the folder only ever
/// shows complete files, and never one of the tool's own names.
/// </summary>
internal static class KeyNamedSave
{
    /// <summary>The prefix of the tool's own names in a batch folder; downloads never get them.</summary>
    public const string OwnNamePrefix = ".feishu-resources-";

    private const int MaxKeyChars = 200;

    public static async Task<string> SaveAsync(FeishuDownload download, string directory, IProgress<long> progress, CancellationToken cancellationToken)
    {
        string staging = Path.Combine(directory, OwnNamePrefix + "staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            string staged = await download.SaveToDirectoryAsync(staging, progress, cancellationToken).ConfigureAwait(false);
            return MoveWithoutReplacing(staged, directory, StemFor(download.ResourceKey), Path.GetExtension(staged));
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The key with anything but letters, digits, <c>_</c>, <c>-</c> and inner dots replaced, so it is one harmless name everywhere.</summary>
    private static string StemFor(string key)
    {
        string stem = new(key.Take(MaxKeyChars).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray());
        return stem.StartsWith('.') ? "_" + stem[1..] : stem;
    }

    private static string MoveWithoutReplacing(string staged, string directory, string stem, string extension)
    {
        for (int attempt = 0; ; attempt++)
        {
            string target = Path.Combine(directory, attempt == 0 ? stem + extension : $"{stem} ({attempt}){extension}");
            try
            {
                File.Move(staged, target, overwrite: false);
                return target;
            }
            catch (IOException) when (Path.Exists(target))
            {
                // Taken: the next counter.
            }
        }
    }
}
