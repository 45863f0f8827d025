using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace FeishuResources.Cli.Backup;

/// <summary>The length and SHA-256 of a saved file, read back from disk in one pass.</summary>
internal static class FileHash
{
    public static async Task<(long Bytes, string Sha256)> Sha256Async(string path)
    {
        FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            byte[] hash = await SHA256.HashDataAsync(file, CancellationToken.None).ConfigureAwait(false);
            return (file.Length, Convert.ToHexStringLower(hash));
        }
    }
}
