using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// Disposing a download while it waits for the answer to a resume or to its next chunk cancels that request,
/// closes its connection and writes nothing more. Over real sockets: only they show the connection closing.
/// </summary>
public sealed class DisposeDuringResumeTests
{
    private const int Size = 100_000;
    private const int Chunk = 64 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Dispose_while_a_resume_waits_for_its_answer_cancels_it_closes_its_connection_and_writes_nothing_more()
    {
        var held = new HeldAnswer();
        await using var server = new RawConnectionServer(async connection =>
        {
            if (connection.Index == 0)
            {
                // The whole body is announced, 1,000 bytes arrive, then the connection drops.
                await connection.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Size}\r\nConnection: close\r\n\r\n");
                await connection.WritePatternAsync(0, 1_000);
                return;
            }

            await held.AnswerAsync(connection, $"HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 1000-{Size - 1}/{Size}\r\nContent-Length: {Size - 1_000}\r\nConnection: close\r\n\r\n", 1_000, Size - 1_000);
        });

        await AssertDisposeStopsTheHeldRequestAsync(server, held, configure: null, writtenBeforeDispose: 1_000);
        Assert.Equal("bytes=1000-", held.Range);
    }

    [Fact]
    public async Task Dispose_while_the_next_chunk_waits_for_its_answer_cancels_it_closes_its_connection_and_writes_nothing_more()
    {
        var held = new HeldAnswer();
        await using var server = new RawConnectionServer(async connection =>
        {
            if (connection.Index == 0)
            {
                const string Refusal = """{"code":234037,"msg":"file size exceed the limit"}""";
                await connection.WriteAsync($"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {Refusal.Length}\r\nConnection: close\r\n\r\n{Refusal}");
                return;
            }

            if (connection.Index == 1)
            {
                await connection.WriteAsync($"HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-{Chunk - 1}/{Size}\r\nContent-Length: {Chunk}\r\nConnection: close\r\n\r\n");
                await connection.WritePatternAsync(0, Chunk);
                return;
            }

            await held.AnswerAsync(connection, $"HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes {Chunk}-{Size - 1}/{Size}\r\nContent-Length: {Size - Chunk}\r\nConnection: close\r\n\r\n", Chunk, Size - Chunk);
        });

        await AssertDisposeStopsTheHeldRequestAsync(server, held, o => o.RangeChunkSize = Chunk, writtenBeforeDispose: Chunk);
        Assert.Equal($"bytes={Chunk}-{Size - 1}", held.Range);
    }

    [Fact]
    public async Task Dispose_during_a_parallel_save_stops_every_chunk_and_commits_nothing()
    {
        using var feishu = new MockFeishu(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 4;
        });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = new FakeResourceServer(feishu, 8L * Chunk)
        {
            RefuseWhole = true,
            BeforeAnswer = i =>
            {
                if (i < 3)
                {
                    return Task.CompletedTask;
                }

                held.TrySetResult();
                return release.Task;
            },
        };
        using var folder = new TempFolder();

        FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        Task<string> saving = download.SaveToDirectoryAsync(folder.Path);
        await held.Task.WaitAsync(Patience);
        download.Dispose();
        release.SetResult();

        Exception? failure = await Record.ExceptionAsync(() => saving.WaitAsync(Patience));

        // Whichever chunk fails first decides: a disposed one, or one stopped because another failed.
        Assert.True(failure is ObjectDisposedException or OperationCanceledException, failure?.ToString() ?? "The save succeeded after Dispose.");
        Assert.Empty(folder.Names());
    }

    private static async Task AssertDisposeStopsTheHeldRequestAsync(RawConnectionServer server, HeldAnswer held, Action<FeishuResourcesOptions>? configure, int writtenBeforeDispose)
    {
        await using ServiceProvider provider = LoopbackClient.Build(server.BaseAddress, configure);
        var destination = new MemoryStream();

        FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_v3_raw");
        Task copying = download.CopyToAsync(destination);
        await held.Requested.Task.WaitAsync(Patience);
        download.Dispose();

        bool closed = await held.Outcome.Task.WaitAsync(Patience * 2);
        Exception? failure = await Record.ExceptionAsync(() => copying.WaitAsync(Patience));

        Assert.True(closed, "The held request's connection stayed open after Dispose.");
        Assert.IsType<ObjectDisposedException>(failure);
        Assert.Equal(writtenBeforeDispose, destination.Length);
    }

    /// <summary>An answer held back until the client closes the connection or the patience runs out, then sent anyway.</summary>
    private sealed class HeldAnswer
    {
        public TaskCompletionSource Requested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>True when the client closed the connection while the answer was held.</summary>
        public TaskCompletionSource<bool> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? Range { get; private set; }

        public async Task AnswerAsync(RawConnection connection, string head, long offset, int count)
        {
            Range = connection.Range;
            Requested.TrySetResult();
            bool closed = await connection.ClosedByClientWithinAsync(Patience);
            try
            {
                if (!closed)
                {
                    await connection.WriteAsync(head);
                    await connection.WritePatternAsync(offset, count);
                }
            }
            finally
            {
                Outcome.TrySetResult(closed);
            }
        }
    }
}
