using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Client;

/// <summary>
/// A synchronous <c>Read</c> whose connection dropped resumes with a synchronous request: on a starved thread pool
/// it finishes as long as the token is cached, a permit is free and an idle connection can carry the resume
/// (opening a new connection needs the pool inside SocketsHttpHandler itself, for a raw HttpClient too).
/// </summary>
[Collection(nameof(SynchronousReadTests))]
public sealed class SynchronousResumeTests
{
    private const int Readers = 3;
    private const int Size = 64 * 1024;
    private const int DropAfter = 20 * 1024;

    [Fact]
    public async Task A_synchronous_read_resumes_a_dropped_body_on_a_starved_thread_pool()
    {
        byte[] file = new byte[Size];
        new Random(9).NextBytes(file);
        using var warm = new Barrier(2 * Readers);
        using var server = new ThreadedLoopbackServer(head => Respond(head, file, warm));
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddFeishuResources(o =>
        {
            o.AppId = "cli_sync_resume";
            o.AppSecret = "sync-resume-secret";
            o.BaseAddress = server.BaseAddress;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(builder.Name);
        IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();
        // Caches the token and leaves idle keep-alive connections: one for each download, one for each resume.
        HttpResponseMessage[] warmed = await Task.WhenAll(Enumerable.Range(0, 2 * Readers).Select(_ => http.GetAsync(new Uri(server.BaseAddress, "open-apis/im/v1/files/file_v3_warm"))));
        Array.ForEach(warmed, response => response.Dispose());
        var downloads = new List<FeishuDownload>();
        for (int i = 0; i < Readers; i++)
        {
            downloads.Add(await client.DownloadFileAsync("file_v3_drops_" + i));
        }

        var received = new byte[]?[Readers];
        bool finished = StarvedThreadPool.Run(Readers, i => received[i] = ReadToEnd(downloads[i]));

        Assert.True(finished, "A synchronous read that had to resume hung on a starved thread pool.");
        Assert.All(received, body => Assert.Equal(file, body));
        Assert.Equal(Readers, server.Heads.Count(head => head.Contains($"Range: bytes={DropAfter}-", StringComparison.Ordinal)));
        foreach (FeishuDownload download in downloads)
        {
            await download.DisposeAsync();
        }
    }

    private static byte[] Respond(string head, byte[] file, Barrier warm)
    {
        if (head.StartsWith("POST", StringComparison.Ordinal))
        {
            return LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-sync-resume", 7200)));
        }

        if (head.Contains("file_v3_warm", StringComparison.Ordinal))
        {
            // Held until every warm-up request arrived, so each has a connection of its own to leave idle.
            warm.SignalAndWait(TimeSpan.FromSeconds(10));
            return [.. Encoding.Latin1.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"), .. "ok"u8.ToArray()];
        }

        if (head.Contains($"Range: bytes={DropAfter}-", StringComparison.Ordinal))
        {
            return [.. Encoding.Latin1.GetBytes($"HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes {DropAfter}-{Size - 1}/{Size}\r\nContent-Length: {Size - DropAfter}\r\n\r\n"), .. file.AsSpan(DropAfter)];
        }

        // The whole file announced, a part sent, then the connection closed: a drop mid-body.
        return [.. Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Size}\r\nConnection: close\r\n\r\n"), .. file.AsSpan(0, DropAfter)];
    }

    /// <summary>Reads synchronously to the end, on a thread of its own; null when that failed.</summary>
    private static byte[]? ReadToEnd(FeishuDownload download)
    {
        try
        {
            using var copy = new MemoryStream();
            byte[] buffer = new byte[4096];
            int read;
            while ((read = download.Content.Read(buffer, 0, buffer.Length)) > 0)
            {
                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
        catch (Exception ex) when (ex is IOException or FeishuApiException or FeishuDownloadException or TimeoutException or HttpRequestException)
        {
            // A thread of its own: an exception here would end the test process; the missing body tells.
            return null;
        }
    }
}
