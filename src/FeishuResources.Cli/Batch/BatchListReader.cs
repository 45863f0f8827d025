using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Batch;

/// <summary>
/// Reads a batch list: one item a line, <c>file_key</c> or <c>message_id file_key image|file</c>; blank lines
/// and lines starting with <c>#</c> are skipped, repeated items are fetched once. A malformed line fails the
/// whole list before anything is downloaded.
/// </summary>
internal static class BatchListReader
{
    public static async Task<IReadOnlyList<DownloadTarget>> ReadAsync(TextReader reader, string source, CancellationToken cancellationToken)
    {
        var targets = new List<DownloadTarget>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            string text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            DownloadTarget target = Parse(text) ?? throw new CliUsageException(
                $"{source}, line {lineNumber}: expected 'file_key' or 'message_id file_key image|file', got '{text}'.");
            if (seen.Add(target.ToString()))
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    private static DownloadTarget? Parse(string line)
    {
        string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields switch
        {
            [string fileKey] => DownloadTarget.BotFile(fileKey),
            [string messageId, string fileKey, string type] when ResourceTypeNames.TryParse(type, out FeishuResourceType parsed)
                => DownloadTarget.InMessage(messageId, fileKey, parsed),
            _ => null,
        };
    }
}
