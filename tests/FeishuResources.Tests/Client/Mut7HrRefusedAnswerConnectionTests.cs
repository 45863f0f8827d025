using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Client;

/// <summary>
/// A first answer the SDK refuses (a probe or a range it cannot use, a declared size over the limit) is released at
/// once: its connection closes instead of staying open, holding a socket, until a garbage collection. Over real
/// sockets, with bodies announced but not sent: only the client closing its end shows the answer was released.
/// </summary>
public sealed class Mut7HrRefusedAnswerConnectionTests
{
    private const int Chunk = 64 * 1024;
    private const long Size = 10L * 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private const string TooLarge = """{"code":234037,"msg":"file size exceed the limit"}""";

    [Fact]
    public async Task A_probe_answer_without_a_total_fails_the_download_and_closes_its_connection()
    {
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawConnectionServer(async connection =>
        {
            await connection.WriteAsync($"HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-{Chunk - 1}/*\r\nContent-Length: {Chunk}\r\n\r\n");
            closed.TrySetResult(await connection.ClosedByClientWithinAsync(Patience));
        });

        await using ServiceProvider provider = Provider(server, o => o.ParallelChunks = 2);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => DownloadAsync(provider));

        Assert.Contains("does not state the total length", ex.Message, StringComparison.Ordinal);
        Assert.True(await closed.Task.WaitAsync(Patience * 2), "The refused probe's connection stayed open.");
    }

    [Fact]
    public async Task A_range_answer_without_a_total_after_a_refusal_as_too_large_closes_its_connection()
    {
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawConnectionServer(async connection =>
        {
            if (connection.Index == 0)
            {
                await RefuseWholeAsync(connection);
                return;
            }

            await connection.WriteAsync($"HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-{Chunk - 1}/*\r\nContent-Length: {Chunk}\r\n\r\n");
            closed.TrySetResult(await connection.ClosedByClientWithinAsync(Patience));
        });

        await using ServiceProvider provider = Provider(server, configure: null);
        var ex = await Assert.ThrowsAsync<FeishuResourceTooLargeException>(() => DownloadAsync(provider));

        Assert.Contains("did not state the total length", ex.Message, StringComparison.Ordinal);
        Assert.True(await closed.Task.WaitAsync(Patience * 2), "The unusable range's connection stayed open.");
    }

    [Fact]
    public async Task A_first_range_declaring_more_than_MaxDownloadBytes_closes_its_connection()
    {
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawConnectionServer(async connection =>
        {
            if (connection.Index == 0)
            {
                await RefuseWholeAsync(connection);
                return;
            }

            await connection.WriteAsync($"HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-{Chunk - 1}/{Size}\r\nContent-Length: {Chunk}\r\n\r\n");
            closed.TrySetResult(await connection.ClosedByClientWithinAsync(Patience));
        });

        await using ServiceProvider provider = Provider(server, o => o.MaxDownloadBytes = Size - 1);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => DownloadAsync(provider));

        Assert.Contains("MaxDownloadBytes", ex.Message, StringComparison.Ordinal);
        Assert.True(await closed.Task.WaitAsync(Patience * 2), "The over-limit range's connection stayed open.");
    }

    /// <summary>The platform's answer to a whole request for a resource over 100 MB.</summary>
    private static Task RefuseWholeAsync(RawConnection connection)
        => connection.WriteAsync($"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {TooLarge.Length}\r\nConnection: close\r\n\r\n{TooLarge}");

    /// <summary>The provider stays alive until the test ends: disposing it would close every connection, released or not.</summary>
    private static ServiceProvider Provider(RawConnectionServer server, Action<FeishuResourcesOptions>? configure)
        => LoopbackClient.Build(server.BaseAddress, o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 1;
            configure?.Invoke(o);
        });

    private static async Task DownloadAsync(ServiceProvider provider)
    {
        using FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_v3_raw", new FeishuRequestOptions { AccessToken = "u-raw" });
    }
}
