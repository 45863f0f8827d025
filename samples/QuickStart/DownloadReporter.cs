using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using FeishuResources;

namespace QuickStart;

/// <summary>Downloads one target through the SDK, hashing it as it streams, and prints what arrived.</summary>
internal static class DownloadReporter
{
    public static async Task<bool> DownloadAndReportAsync(IFeishuResourceClient client, DownloadTarget target)
    {
        Console.WriteLine();
        Console.WriteLine($"Downloading {target.Label}");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using FeishuDownload download = await target.Start(client, default);
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var sink = new HashingStream(sha256);
            var progress = new ConsoleProgress(download.ContentLength);
            await download.CopyToAsync(sink, progress);
            progress.Finish();

            Console.WriteLine($"  name     {download.FileName ?? "(none sent)"}");
            Console.WriteLine($"  type     {download.ContentType ?? "(none sent)"}");
            Console.WriteLine($"  size     {sink.Length:N0} bytes");
            Console.WriteLine($"  sha-256  {Convert.ToHexString(sha256.GetHashAndReset()).ToLowerInvariant()}");
            Console.WriteLine($"  elapsed  {stopwatch.Elapsed.TotalMilliseconds:N0} ms");
            Console.WriteLine($"  log id   {download.LogId}");
            return true;
        }
        catch (FeishuApiException error)
        {
            Console.WriteLine($"  failed: {error.GetType().Name}: {error.Message}");
            return false;
        }
        catch (Exception error) when (error is IOException or TimeoutException or HttpRequestException)
        {
            // Network trouble talking to the real platform: report it like a refusal, without a stack trace.
            Console.WriteLine($"  failed: {error.GetType().Name}: {error.Message}");
            return false;
        }
    }
}
