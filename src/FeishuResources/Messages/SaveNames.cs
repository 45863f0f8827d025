using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Content;

namespace FeishuResources.Messages;

/// <summary>
/// Saves the downloads of one call in one folder under the names they prefer, <c>name (n).ext</c> when a name
/// is taken. The name is taken at the moment the file appears, by a move that never replaces anything, so a
/// file another writer creates while the body arrives is kept; only when overwriting is asked for is a file
/// already there replaced (never one this call saved).
/// </summary>
internal sealed class SaveNames
{
    /// <summary>Gives up choosing <c>name (n).ext</c> after this many taken names, as the SDK's own saves do.</summary>
    private const int MaxCandidates = 10_000;

    private readonly string _directory;
    private readonly bool _overwriteExisting;

    // Case-insensitive: on Windows and macOS "A.txt" and "a.txt" are one file.
    private readonly HashSet<string> _claimed = new(StringComparer.OrdinalIgnoreCase);

    public SaveNames(string directory, bool overwriteExisting)
    {
        _directory = Path.GetFullPath(directory);
        _overwriteExisting = overwriteExisting;
    }

    /// <summary>Saves <paramref name="download"/> under <paramref name="safeName"/> (already sanitized) or the first free <c> (n)</c> of it.</summary>
    /// <returns>The full path written.</returns>
    public async Task<string> SaveAsync(FeishuDownload download, string safeName, CancellationToken cancellationToken)
    {
        if (_overwriteExisting)
        {
            return await download.SaveToFileAsync(Claim(safeName), progress: null, cancellationToken).ConfigureAwait(false);
        }

        // The public save writes atomically but replaces; it writes to a name nobody else uses, and the
        // no-replace move below picks the real name.
        string saved = await download.SaveToFileAsync(Path.Combine(_directory, ".feishu-" + Guid.NewGuid().ToString("N") + ".saved"), progress: null, cancellationToken).ConfigureAwait(false);
        try
        {
            return MoveToFreeName(saved, safeName);
        }
        finally
        {
            File.Delete(saved);
        }
    }

    private string MoveToFreeName(string saved, string safeName)
    {
        for (int attempt = 0; attempt < MaxCandidates; attempt++)
        {
            string path = Candidate(safeName, attempt);
            try
            {
                // Without overwrite, a move is link(2) + unlink on Unix and MoveFileEx on Windows: it fails when the name exists.
                File.Move(saved, path);
                return path;
            }
            catch (IOException) when (File.Exists(path) || Directory.Exists(path))
            {
            }
        }

        throw new IOException("No free name was found for '" + safeName + "' in '" + _directory + "' after " + MaxCandidates + " tries.");
    }

    /// <summary>The path for <paramref name="safeName"/> that no other save of this call holds, claimed for this call.</summary>
    private string Claim(string safeName)
    {
        for (int attempt = 0; ; attempt++)
        {
            string path = Candidate(safeName, attempt);
            if (!Directory.Exists(path))
            {
                lock (_claimed)
                {
                    if (_claimed.Add(path))
                    {
                        return path;
                    }
                }
            }
        }
    }

    private string Candidate(string safeName, int attempt)
        => FileNameSanitizer.CombineInside(_directory, attempt == 0 ? safeName : FileNameSanitizer.WithCounter(safeName, attempt));
}
