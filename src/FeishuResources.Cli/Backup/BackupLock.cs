using System.IO;

namespace FeishuResources.Cli.Backup;

/// <summary>
/// <c>.feishu-chat-backup.lock</c> in the backup folder, held open exclusively for the whole run: a second run into the
/// same folder stops before it touches anything (two would fetch every file twice and interleave the index), and the
/// holder knows that any temporary file in the folder was left by a run that died, so it removes it.
/// </summary>
internal static class BackupLock
{
    public const string FileName = ".feishu-chat-backup.lock";

    /// <summary>The temporary files of a save (the SDK's), of the state and of a repaired index.</summary>
    private static readonly string[] Leftovers = [".feishu-*.partial", BackupState.FileName + ".*.tmp", BackupIndex.FileName + ".*.tmp"];

    public static FileStream Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        FileStream held;
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (File.Exists(path))
        {
            throw new IOException($"Another run is backing a chat up into '{directory}'; let it finish or stop it first.", exception);
        }

        foreach (string pattern in Leftovers)
        {
            foreach (string leftover in Directory.EnumerateFiles(directory, pattern))
            {
                File.Delete(leftover);
            }
        }

        return held;
    }
}
