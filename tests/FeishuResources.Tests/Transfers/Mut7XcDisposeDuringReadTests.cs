using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// Disposing a download while its copy waits for more bytes fails the copy as disposed, never as a truncated body,
/// even when no resume attempt is allowed: the connection closed by Dispose is not a drop. Over a real socket, as
/// only it shows a read cut by Dispose.
/// </summary>
public sealed class Mut7XcDisposeDuringReadTests
{
    private const int Size = 100_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Disposing_a_download_while_its_copy_waits_for_bytes_fails_the_copy_as_disposed_even_without_resume_attempts()
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawConnectionServer(async connection =>
        {
            // 1,000 bytes of the announced body, then nothing until the client closes the connection.
            await connection.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Size}\r\nConnection: close\r\n\r\n");
            await connection.WritePatternAsync(0, 1_000);
            sent.TrySetResult();
            await connection.ClosedByClientWithinAsync(Patience);
        });
        await using ServiceProvider provider = LoopbackClient.Build(server.BaseAddress, o =>
        {
            o.MaxResumeAttempts = 0;
            o.ParallelChunks = 1;
        });
        var destination = new MemoryStream();

        FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_v3_raw");
        Task copying = download.CopyToAsync(destination);
        await sent.Task.WaitAsync(Patience);
        await Task.Delay(100);
        download.Dispose();

        Exception? failure = await Record.ExceptionAsync(() => copying.WaitAsync(Patience));

        Assert.IsType<ObjectDisposedException>(failure);
    }
}
