using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A save started on a UI thread's (or a classic ASP.NET request's) <see cref="SynchronizationContext"/> must never
/// continue on it — in parallel ranges, in a continued 206, or in a resume answered with the whole body — or a
/// caller that blocks on it deadlocks.
/// </summary>
public sealed class TransferSaveContextTests
{
    private const int Chunk = 64 * 1024;
    private const long Size = (3 * Chunk) + 777;
    private static readonly FeishuRequestOptions AsUser = new() { AccessToken = "u-user-token" };

    [Fact]
    public async Task A_parallel_save_never_continues_on_the_callers_synchronization_context()
    {
        var handler = new SlowRangeHandler();
        var progress = new RecordingProgress();
        await AssertSavedWithoutPostsAsync(handler, o => { o.ParallelChunks = 4; o.RangeChunkSize = Chunk; }, progress);

        Assert.True(progress.Reports.Count(r => r < Size) >= 2, "reports: " + string.Join(", ", progress.Reports));
        Assert.Equal(progress.Reports.Order(), progress.Reports);
        Assert.Equal(Size, progress.Reports[^1]);

        Assert.Equal(new[] { "bytes=0-65535", "bytes=131072-196607", "bytes=196608-", "bytes=65536-131071" }, handler.Ranges.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_sequential_save_continued_from_a_206_never_continues_on_the_callers_synchronization_context()
    {
        var handler = new SlowRangeHandler { FirstAnswerEndsAt = 9 };
        await AssertSavedWithoutPostsAsync(handler, o => o.ParallelChunks = 1);

        Assert.Equal(new[] { "", "bytes=10-" }, handler.Ranges);
    }

    [Fact]
    public async Task A_sequential_save_whose_continuation_is_answered_whole_never_continues_on_the_callers_synchronization_context()
    {
        var handler = new SlowRangeHandler { FirstAnswerEndsAt = 9, IgnoreRangesAfterFirst = true };
        await AssertSavedWithoutPostsAsync(handler, o => o.ParallelChunks = 1);

        Assert.Equal(new[] { "", "bytes=10-" }, handler.Ranges);
    }

    private static async Task AssertSavedWithoutPostsAsync(SlowRangeHandler handler, Action<FeishuResourcesOptions> configure, IProgress<long>? progress = null)
    {
        using var feishu = new MockFeishu(configure, client: b => b.ConfigurePrimaryHttpMessageHandler(() => handler));
        using var folder = new TempFolder();
        var context = new CountingSynchronizationContext();
        string target = Path.Combine(folder.Path, "out.bin");

        await using FeishuDownload download = await context.Start(() => feishu.Client.DownloadFileAsync("file_k", AsUser)).WaitAsync(TimeSpan.FromSeconds(20));
        string path = await context.Start(() => download.SaveToFileAsync(target, progress)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
        Assert.Equal(0, context.Posts);
    }

    /// <summary>
    /// Serves the pattern with <c>Range</c> after a real delay, with a body whose every read completes later, so
    /// each await of the SDK really suspends. Optionally answers the first request (no range) with a 206 of its
    /// first bytes, and later ranges with the whole body.
    /// </summary>
    private sealed class SlowRangeHandler : HttpMessageHandler
    {
        private readonly List<string> _ranges = new();

        public long? FirstAnswerEndsAt { get; init; }

        public bool IgnoreRangesAfterFirst { get; init; }

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

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            RangeItemHeaderValue? range = request.Headers.Range?.Ranges.Single();
            int index;
            lock (_ranges)
            {
                index = _ranges.Count;
                _ranges.Add(request.Headers.Range?.ToString() ?? "");
            }

            if (index == 0 && FirstAnswerEndsAt is long firstEnd)
            {
                return Answer(request, HttpStatusCode.PartialContent, 0, firstEnd);
            }

            if (range is null || (IgnoreRangesAfterFirst && index > 0))
            {
                return Answer(request, HttpStatusCode.OK, 0, null);
            }

            long from = range.From ?? 0;
            return Answer(request, HttpStatusCode.PartialContent, from, Math.Min(range.To ?? Size - 1, Size - 1));
        }

        /// <summary>Bytes from..to as a 206 with its Content-Range, or the whole body as a 200 when to is null.</summary>
        private static HttpResponseMessage Answer(HttpRequestMessage request, HttpStatusCode status, long from, long? to)
        {
            long count = to is long last ? last - from + 1 : Size;
            var content = new StreamContent(new SlowReadStream(new PatternStream(from, count)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = count;
            if (to is long end)
            {
                content.Headers.ContentRange = new ContentRangeHeaderValue(from, end, Size);
            }

            return new HttpResponseMessage(status) { RequestMessage = request, Content = content };
        }
    }
}
