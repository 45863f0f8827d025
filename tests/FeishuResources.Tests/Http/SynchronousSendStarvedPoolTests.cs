using System.Net;
using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Http;

/// <summary>
/// A synchronous <c>HttpClient.Send</c> through the SDK's handlers is synchronous all the way down when the token
/// is cached, a permit is free and a pooled connection is idle: it needs no thread-pool thread to make progress.
/// (Opening a new connection does, in SocketsHttpHandler itself: a raw HttpClient hangs there too.) Caps the pool,
/// so it runs in the collection of tests that do (alone, after the parallel ones).
/// </summary>
[Collection(nameof(Client.SynchronousReadTests))]
public sealed class SynchronousSendStarvedPoolTests
{
    private const int Senders = 3;

    [Fact]
    public async Task A_synchronous_Send_with_a_cached_token_finishes_on_a_starved_thread_pool()
    {
        byte[] file = Encoding.ASCII.GetBytes("starved but synchronous");
        using var warm = new Barrier(Senders);
        using var server = new ThreadedLoopbackServer(head =>
        {
            if (head.StartsWith("POST", StringComparison.Ordinal))
            {
                return LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-starved", 7200)));
            }

            if (head.Contains("file_v3_warm", StringComparison.Ordinal))
            {
                // Held until every warm-up request arrived, so each has a connection of its own to leave idle.
                warm.SignalAndWait(TimeSpan.FromSeconds(10));
            }

            return [.. Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {file.Length}\r\n\r\n"), .. file];
        });
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddFeishuResources(o =>
        {
            o.AppId = "cli_starved_send";
            o.AppSecret = "starved-send-secret";
            o.BaseAddress = server.BaseAddress;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(builder.Name);
        Uri download = new(server.BaseAddress, "open-apis/im/v1/files/file_v3_starved");
        Uri warmUp = new(server.BaseAddress, "open-apis/im/v1/files/file_v3_warm");
        // Caches the token and leaves one idle keep-alive connection per sender.
        HttpResponseMessage[] warmed = await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => http.SendAsync(new HttpRequestMessage(HttpMethod.Get, warmUp))));
        Array.ForEach(warmed, response => response.Dispose());

        var received = new byte[]?[Senders];
        bool finished = StarvedThreadPool.Run(Senders, i => received[i] = SendAndRead(http, download));

        Assert.True(finished, "A synchronous Send hung on a starved thread pool.");
        Assert.All(received, body => Assert.Equal(file, body));
        string[] downloads = [.. server.Heads.Where(h => h.StartsWith("GET", StringComparison.Ordinal))];
        Assert.Equal(2 * Senders, downloads.Length);
        Assert.All(downloads, head => Assert.Contains("Authorization: Bearer t-starved", head.Split("\r\n")));
    }

    /// <summary>Sends and reads the body synchronously, on a thread of its own; null when that failed.</summary>
    private static byte[]? SendAndRead(HttpClient http, Uri download)
    {
        try
        {
            using HttpResponseMessage response = http.Send(new HttpRequestMessage(HttpMethod.Get, download), HttpCompletionOption.ResponseHeadersRead);
            using var body = new MemoryStream();
            response.Content.ReadAsStream().CopyTo(body);
            return body.ToArray();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or FeishuApiException or TimeoutException)
        {
            // A thread of its own: an exception here would end the test process; the missing body tells.
            return null;
        }
    }
}
