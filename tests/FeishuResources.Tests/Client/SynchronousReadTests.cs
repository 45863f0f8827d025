using System.Net.Sockets;
using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Client;

/// <summary>The thread pool's limits are process-wide: tests that cap it run alone, after every parallel test.</summary>
[CollectionDefinition(nameof(SynchronousReadTests), DisableParallelization = true)]
public sealed class SynchronousReadCollection;

/// <summary>
/// <c>StreamReader</c>, <c>ZipArchive</c> and image decoders read synchronously: a synchronous <c>Read</c> on
/// <c>Content</c> reads the connection synchronously, so it needs no thread-pool thread to make progress.
/// </summary>
[Collection(nameof(SynchronousReadTests))]
public sealed class SynchronousReadTests
{
    private const int Readers = 3;
    private const int Size = 256 * 1024;
    private const int Piece = 16 * 1024;

    [Fact]
    public async Task Synchronous_reads_finish_on_a_starved_thread_pool()
    {
        using var go = new ManualResetEventSlim();
        using var server = new ThreadedLoopbackServer((head, connection) => Answer(head, connection, go));
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_sync";
            o.AppSecret = "sync-secret";
            o.BaseAddress = server.BaseAddress;
            o.RateLimit.Enabled = false;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();
        var downloads = new List<FeishuDownload>();
        for (int i = 0; i < Readers; i++)
        {
            downloads.Add(await client.DownloadFileAsync("file_v3_sync_" + i));
        }

        long[] read = new long[Readers];
        // The readers run on threads of their own, so only what a read itself needs can be missing.
        bool finished = StarvedThreadPool.Run(Readers, i => ReadToEnd(downloads[i].Content, read, i), started: go.Set);

        foreach (FeishuDownload download in downloads)
        {
            download.Dispose();
        }

        Assert.True(finished, "Synchronous reads hung on a starved thread pool, after " + string.Join(", ", read) + " bytes.");
        Assert.All(read, bytes => Assert.Equal(Size, bytes));
    }

    /// <summary>Reads synchronously to the end, counting; a failure (the download disposed after a hang) ends the count.</summary>
    private static void ReadToEnd(Stream content, long[] counts, int index)
    {
        byte[] buffer = new byte[8192];
        try
        {
            int read;
            while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
            {
                Interlocked.Add(ref counts[index], read);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // A thread of its own: an exception here would end the test process; the count tells.
        }
    }

    /// <summary>Answers the token request, and each download with a body sent in pieces once <paramref name="go"/> is set.</summary>
    private static bool Answer(string head, Socket connection, ManualResetEventSlim go)
    {
        if (head.StartsWith("POST", StringComparison.Ordinal))
        {
            connection.Send(LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-sync", 7200))));
            return false;
        }

        connection.Send(Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Size}\r\nConnection: close\r\n\r\n"));
        go.Wait(TimeSpan.FromSeconds(30));
        byte[] piece = new byte[Piece];
        for (int sent = 0; sent < Size; sent += Piece)
        {
            connection.Send(piece);
            Thread.Sleep(5);
        }

        connection.Shutdown(SocketShutdown.Send);
        connection.Receive(new byte[1]);
        return false;
    }
}
