using System;
using System.Collections.Generic;
using System.IO;
using FeishuResources.Content;

namespace FeishuResources.Messages;

/// <summary>
/// Hands out the paths of one folder to the saves of one call: a safe name, or <c>name (n).ext</c> when the
/// name is taken — by a file already there (unless overwriting) or by another save of the same call.
/// </summary>
internal sealed class SaveNames
{
    private readonly string _directory;
    private readonly bool _overwriteExisting;

    // Case-insensitive: on Windows and macOS "A.txt" and "a.txt" are one file.
    private readonly HashSet<string> _claimed = new(StringComparer.OrdinalIgnoreCase);

    public SaveNames(string directory, bool overwriteExisting)
    {
        _directory = Path.GetFullPath(directory);
        _overwriteExisting = overwriteExisting;
    }

    /// <summary>The full path to save <paramref name="safeName"/> (already sanitized) under, claimed for this call.</summary>
    public string Claim(string safeName)
    {
        lock (_claimed)
        {
            for (int attempt = 0; ; attempt++)
            {
                string name = attempt == 0 ? safeName : FileNameSanitizer.WithCounter(safeName, attempt);
                string path = FileNameSanitizer.CombineInside(_directory, name);
                if (!_claimed.Contains(name) && !Directory.Exists(path) && (_overwriteExisting || !File.Exists(path)))
                {
                    _claimed.Add(name);
                    return path;
                }
            }
        }
    }
}
