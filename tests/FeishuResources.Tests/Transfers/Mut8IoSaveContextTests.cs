using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A save or copy started on a UI thread's <see cref="SynchronizationContext"/> never continues on it, also when the
/// body has already arrived: then the SDK runs on the caller's thread up to the first write the destination cannot
/// take at once, and that write is the await that must not capture the caller's context.
/// </summary>
public sealed class Mut8IoSaveContextTests
{
    private const int Chunk = 64 * 1024;
    private const long Size = (3 * Chunk) + 777;

    [Fact]
    public async Task A_parallel_save_of_a_body_that_already_arrived_never_continues_on_the_callers_context()
    {
        var server = new ReadyRangeHandler();
        using var feishu = Serving(server, o =>
        {
            o.ParallelChunks = 4;
            o.RangeChunkSize = Chunk;
        });

        await AssertSavedWithoutPostsAsync(feishu);

        Assert.Equal(new[] { "bytes=0-65535", "bytes=131072-196607", "bytes=196608-", "bytes=65536-131071" }, server.Ranges.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_sequential_save_of_a_body_that_already_arrived_never_continues_on_the_callers_context()
    {
        var server = new ReadyRangeHandler();
        using var feishu = Serving(server, o => o.ParallelChunks = 1);

        await AssertSavedWithoutPostsAsync(feishu);

        Assert.Equal(new[] { "" }, server.Ranges);
    }

    [Fact]
    public async Task Copying_a_body_that_already_arrived_into_a_destination_that_takes_it_later_never_continues_on_the_callers_context()
    {
        using var feishu = Serving(new ReadyRangeHandler(), o => o.ParallelChunks = 1);
        var context = new CountingSynchronizationContext();
        var destination = new LateDestination();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_k");
        await context.Start(() => download.CopyToAsync(destination)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(PatternStream.Sha256(Size), System.Security.Cryptography.SHA256.HashData(destination.Bytes));
        Assert.Equal(0, context.Posts);
    }

    private static MockFeishu Serving(ReadyRangeHandler server, Action<FeishuResourcesOptions> configure)
        => new(configure, client: b => b.ConfigurePrimaryHttpMessageHandler(() => server));

    private static async Task AssertSavedWithoutPostsAsync(MockFeishu feishu)
    {
        using var folder = new TempFolder();
        var context = new CountingSynchronizationContext();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_k");
        string path = await context.Start(() => download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin"))).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
        Assert.Equal(0, context.Posts);
    }

    /// <summary>A destination that takes every block later, off the caller's thread, as a slow disk or pipe does.</summary>
    private sealed class LateDestination : StubStream
    {
        private readonly MemoryStream _bytes = new();

        public byte[] Bytes => _bytes.ToArray();

        public override bool CanWrite => true;

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            _bytes.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            _bytes.Write(buffer.Span);
        }
    }

    /// <summary>
    /// Serves the pattern, honouring <c>Range</c>, with answers and bodies that are ready at once (every read
    /// completes synchronously), so the SDK runs on the caller's thread until a write really waits.
    /// </summary>
    private sealed class ReadyRangeHandler : HttpMessageHandler
    {
        private readonly List<string> _ranges = new();

        public IReadOnlyList<string> Ranges
        {
            get
            {
                lock (_ranges)
                {
                    return _ranges.ToArray();
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            RangeItemHeaderValue? range = request.Headers.Range?.Ranges.Single();
            lock (_ranges)
            {
                _ranges.Add(request.Headers.Range?.ToString() ?? "");
            }

            long from = range?.From ?? 0;
            long to = Math.Min(range?.To ?? Size - 1, Size - 1);
            var content = new StreamContent(new PatternStream(from, to - from + 1));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = to - from + 1;
            if (range is not null)
            {
                content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, Size);
            }

            var status = range is null ? HttpStatusCode.OK : HttpStatusCode.PartialContent;
            return Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = content });
        }
    }
}
