using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Transfers;

/// <summary>
/// Writes a file so that it either appears complete under its final name or not at all: the bytes go to
/// a hidden temporary file in the same folder (so the final rename stays on one volume and is atomic),
/// which is flushed to disk and then renamed into place. On any failure or cancellation the temporary
/// file is deleted and whatever was at the final path is left untouched.
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>Gives up choosing <c>name (n).ext</c> after this many taken names.</summary>
    private const int MaxCandidates = 10_000;

    /// <param name="directory">The full path of the folder the file lands in; created when missing.</param>
    /// <param name="candidate">The full path to try for attempt n (0, 1, 2, …); each must be inside <paramref name="directory"/>.</param>
    /// <param name="replaceExisting">Replace a file at the first candidate instead of trying the next one.</param>
    /// <param name="write">Writes the content; the stream is positioned at 0 and unbuffered.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The full path the file was committed to.</returns>
    public static async Task<string> WriteAsync(string directory, Func<int, string> candidate, bool replaceExisting, Func<FileStream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, ".feishu-" + Guid.NewGuid().ToString("N") + ".partial");
        bool committed = false;
        FileStream? file = null;
        try
        {
            // bufferSize 0: the callers write large pooled buffers; a second buffer would only copy them again.
            file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            await write(file, cancellationToken).ConfigureAwait(false);
            // Stryker disable once Statement,Boolean : equivalent short of a power loss — flushing to disk only decides what survives a crash; every reader sees the same bytes after the rename either way.
            file.Flush(flushToDisk: true);
            cancellationToken.ThrowIfCancellationRequested();

            // The handle stays open until the file is in place, so its inode cannot be freed and reused by an
            // impostor. Where the identity cannot be read (Windows, which cannot rename an open file), it is closed.
            FileIdentity? written = FileIdentity.Of(file.SafeFileHandle);
            if (written is null)
            {
                // Stryker disable once Statement : reached only where a file's identity cannot be read (Windows, a C library without statx), never on the Linux the tests run on.
                file.Dispose();
            }

            EnsureIsWritten(written, temporary, candidate(0));
            string final = replaceExisting ? Replace(temporary, candidate(0)) : Claim(temporary, candidate);
            // Stryker disable once Boolean : equivalent — after the move the temporary name is gone, so deleting it in finally finds nothing.
            committed = true;
            EnsureIsWritten(written, final, final);
            return final;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex.ToString().Contains(temporary))
        {
            throw NamingTarget(ex, temporary, candidate(0));
        }
        finally
        {
            file?.Dispose();
            if (!committed)
            {
                TryDelete(temporary);
            }
        }
    }

    /// <summary>
    /// Fails unless <paramref name="path"/> is the file that was written: anyone who can write to the folder
    /// could have swapped it for a link or another file, and a save must not pass that off as the download.
    /// </summary>
    private static void EnsureIsWritten(FileIdentity? written, string path, string target)
    {
        if (written is FileIdentity expected && !expected.Equals(FileIdentity.OfEntry(path) ?? default))
        {
            throw new IOException(string.Format(CultureInfo.InvariantCulture, "The save to '{0}' failed: the file being written was replaced by someone else while the download arrived, so what is there is not the download.", target));
        }
    }

    /// <summary>
    /// The same failure, naming the file the caller asked for instead of the hidden temporary file, which
    /// means nothing to them; the inner exception is left out for the same reason.
    /// </summary>
    private static Exception NamingTarget(Exception exception, string temporary, string target)
    {
        string message = exception.Message.Replace(temporary, target);
        return exception switch
        {
            UnauthorizedAccessException => new UnauthorizedAccessException(message),
            PathTooLongException => new PathTooLongException(message),
            DirectoryNotFoundException => new DirectoryNotFoundException(message),
            _ => new IOException(message, exception.HResult),
        };
    }

    /// <summary>Moves <paramref name="temporary"/> over <paramref name="target"/>, replacing it when it exists.</summary>
    internal static string Replace(string temporary, string target)
    {
#if NETCOREAPP3_0_OR_GREATER
        File.Move(temporary, target, overwrite: true);
#else
        if (File.Exists(target))
        {
            File.Replace(temporary, target, destinationBackupFileName: null);
        }
        else
        {
            File.Move(temporary, target);
        }
#endif
        return target;
    }

    /// <summary>
    /// Moves to the first free candidate with a move that fails atomically when the name is taken, so
    /// two concurrent saves can never claim the same name.
    /// </summary>
    private static string Claim(string temporary, Func<int, string> candidate)
    {
        for (int attempt = 0; attempt < MaxCandidates; attempt++)
        {
            string target = candidate(attempt);
            if (!Directory.Exists(target) && NoReplaceMove.TryMove(temporary, target))
            {
                return target;
            }
        }

        throw new IOException(string.Format(CultureInfo.InvariantCulture, "No free file name was found after {0} attempts, ending with '{1}'.", MaxCandidates, candidate(MaxCandidates - 1)));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a hidden .partial file is the worst that stays behind.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
