using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using FeishuResources.Cli.Json;
using FeishuResources.Cli.Running;

namespace FeishuResources.Cli.Backup;

/// <summary>
/// <c>index.jsonl</c> in the backup folder: one line per saved resource, appended and flushed as each file is saved, so it
/// is also the record of what a later run must not fetch again. A line cut short by a crash is dropped when the index is
/// opened (the file is rewritten without it through a temporary file and a rename).
/// </summary>
internal sealed class BackupIndex : IDisposable
{
    public const string FileName = "index.jsonl";

    private readonly HashSet<(string MessageId, string Key)> _saved;
    private readonly FileStream _file;

    private BackupIndex(HashSet<(string, string)> saved, FileStream file, UnrecordedFiles unrecorded)
    {
        _saved = saved;
        _file = file;
        Unrecorded = unrecorded;
    }

    /// <summary>The files in the folder, when it was opened, that no record names.</summary>
    public UnrecordedFiles Unrecorded { get; }

    public int Count
    {
        get
        {
            lock (_saved)
            {
                return _saved.Count;
            }
        }
    }

    public static BackupIndex Open(string directory)
    {
        string path = Path.Combine(directory, FileName);
        var saved = new HashSet<(string, string)>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(path) && !ReadAll(path, saved, paths))
        {
            RewriteWithoutTornLine(path);
        }

        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (file.Length > 0 && LastByte(path) != '\n')
        {
            // A whole record whose line break a crash cut off: the next record must not run on from it.
            file.WriteByte((byte)'\n');
            file.Flush();
        }

        // The paths are needed only to find the files a crash left unrecorded; the run keeps the keys alone.
        return new BackupIndex(saved, file, UnrecordedFiles.Find(directory, paths));
    }

    public bool Contains(string messageId, string key)
    {
        lock (_saved)
        {
            return _saved.Contains((messageId, key));
        }
    }

    /// <summary>Appends the record and flushes it to the operating system: a crash of this process after it loses nothing.</summary>
    public void Append(IndexRecord record)
    {
        byte[] line = JsonSerializer.SerializeToUtf8Bytes(record, CliJsonContext.Readable.IndexRecord);
        lock (_saved)
        {
            _file.Write(line);
            _file.WriteByte((byte)'\n');
            _file.Flush();
            _saved.Add((record.MessageId, record.Key));
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Reads every complete line, one at a time (an index grows with the chat); false when the last line is cut short.</summary>
    private static bool ReadAll(string path, HashSet<(string, string)> saved, HashSet<string> paths)
    {
        // Only a last line without its line break can be a record a crash cut short; any other bad line is damage.
        bool mayBeTorn = new FileInfo(path).Length > 0 && LastByte(path) != '\n';
        int number = 0;
        string? pending = null;
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            // A line is judged once the next one is read, when it is known whether it is the last.
            if (pending is not null)
            {
                Add(pending, number, isLast: false);
            }

            number++;
            pending = line.Length == 0 ? null : line;
        }

        return pending is null || Add(pending, number, isLast: true);

        bool Add(string line, int lineNumber, bool isLast)
        {
            try
            {
                if (JsonSerializer.Deserialize(line, CliJsonContext.Readable.IndexRecord) is { } record)
                {
                    saved.Add((record.MessageId, record.Key));
                    paths.Add(record.Path);
                }

                return true;
            }
            catch (JsonException) when (isLast && mayBeTorn)
            {
                return false;
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"The backup index '{path}' is damaged at line {lineNumber}; move it away to back the chat up again.", exception);
            }
        }
    }

    private static int LastByte(string path)
    {
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        reader.Seek(-1, SeekOrigin.End);
        return reader.ReadByte();
    }

    private static void RewriteWithoutTornLine(string path)
    {
        string text = File.ReadAllText(path, Encoding.UTF8);
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(text[..(text.LastIndexOf('\n') + 1)]));
    }
}
