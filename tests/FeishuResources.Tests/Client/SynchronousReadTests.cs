using System.Net;
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
        using var server = new ThreadedServer(go);
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

        ThreadPool.GetMaxThreads(out int maxWorkers, out int maxIo);
        long[] read = new long[Readers];
        bool finished;
        // Not disposed: blockers still queued when the test ends wait on it after it returns.
        var release = new ManualResetEventSlim();
        try
        {
            // Starve the pool: cap it, then give every thread it may run a work item that blocks.
            Assert.True(ThreadPool.SetMaxThreads(Readers, maxIo), "The thread pool could not be capped.");
            for (int i = 0; i < 4 * Readers; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => release.Wait(TimeSpan.FromSeconds(60)), null);
            }

            // The readers run on threads of their own, so only what a read itself needs can be missing.
            Thread[] readers = Enumerable.Range(0, Readers).Select(i => new Thread(() => ReadToEnd(downloads[i].Content, read, i)) { IsBackground = true }).ToArray();
            Array.ForEach(readers, reader => reader.Start());
            go.Set();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            finished = readers.All(reader => reader.Join(Max(deadline - DateTime.UtcNow, TimeSpan.Zero)));
        }
        finally
        {
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
            release.Set();
        }

        foreach (FeishuDownload download in downloads)
        {
            download.Dispose();
        }

        Assert.True(finished, "Synchronous reads hung on a starved thread pool, after " + string.Join(", ", read) + " bytes.");
        Assert.All(read, bytes => Assert.Equal(Size, bytes));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

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

    /// <summary>
    /// A loopback HTTP/1.1 server on its own threads with blocking sockets, so a starved thread pool cannot stall
    /// it. Answers the token request, and each download with a body sent in pieces once <c>go</c> is set.
    /// </summary>
    private sealed class ThreadedServer : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly ManualResetEventSlim _go;

        public ThreadedServer(ManualResetEventSlim go)
        {
            _go = go;
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(16);
            new Thread(Accept) { IsBackground = true, Name = "sync-read-server" }.Start();
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");

        public void Dispose() => _listener.Dispose();

        private void Accept()
        {
            try
            {
                while (true)
                {
                    Socket connection = _listener.Accept();
                    new Thread(() => Serve(connection)) { IsBackground = true }.Start();
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private void Serve(Socket connection)
        {
            using (connection)
            {
                try
                {
                    string head = ReadHead(connection);
                    if (head.StartsWith("POST", StringComparison.Ordinal))
                    {
                        connection.Send(LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-sync", 7200))));
                        return;
                    }

                    connection.Send(Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Size}\r\nConnection: close\r\n\r\n"));
                    _go.Wait(TimeSpan.FromSeconds(30));
                    byte[] piece = new byte[Piece];
                    for (int sent = 0; sent < Size; sent += Piece)
                    {
                        connection.Send(piece);
                        Thread.Sleep(5);
                    }

                    connection.Shutdown(SocketShutdown.Send);
                    connection.Receive(new byte[1]);
                }
                catch (SocketException)
                {
                    // The client went away.
                }
            }
        }

        /// <summary>Reads the request head and the body its Content-Length announces.</summary>
        private static string ReadHead(Socket connection)
        {
            var head = new StringBuilder();
            byte[] one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && connection.Receive(one) == 1)
            {
                head.Append((char)one[0]);
            }

            int length = head.ToString().Split("\r\n")
                .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
                .FirstOrDefault();
            byte[] body = new byte[length];
            for (int received = 0; received < length;)
            {
                received += connection.Receive(body, received, length - received, SocketFlags.None);
            }

            return head.ToString();
        }
    }
}
