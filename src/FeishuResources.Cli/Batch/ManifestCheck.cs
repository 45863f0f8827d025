using System;
using System.Collections.Generic;
using System.Linq;

namespace FeishuResources.Cli.Batch;

/// <summary>
/// What makes a manifest untrustworthy as a whole: a shape this tool never writes (no items, an entry
/// without a file, a name that cannot be a file name, a negative length, two items on one file).
/// </summary>
internal static class ManifestCheck
{
    /// <summary>Why the document is damaged, or <see langword="null"/> when it is sound.</summary>
    public static string? Problem(ManifestDocument? document)
    {
        if (document?.Items is null)
        {
            return "it lists no items";
        }

        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, entry) in document.Items)
        {
            string? problem = entry switch
            {
                null => "an item has no entry",
                { File: null or "" } => "an item has no file name",
                _ when entry.File.Any(char.IsControl) => "a file name holds a control character",
                { Bytes: < 0 } => "a length is negative",
                _ when !files.Add(entry.File) => "two items name the same file",
                _ => null,
            };
            if (problem is not null)
            {
                return problem + " ('" + Printable(item) + "')";
            }
        }

        return null;
    }

    private static string Printable(string text) => new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
