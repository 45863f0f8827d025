using System.Net;
using System.Net.Http.Headers;
using FeishuResources.TestSupport;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// Bodies whose stream opens and reads only later (a handler that opens content lazily, a slow network): reading
/// <see cref="FeishuDownload.Content"/> across a resume never continues on the caller's
/// <see cref="SynchronizationContext"/> (a UI thread or classic ASP.NET request blocking on it would deadlock), and a
/// synchronous read waits for such a resume instead of failing.
/// </summary>
public sealed class Mut7XbLateBodyTests
{
    private const int Size = 200_000;
    private const int DropAt = 50_000;
    private static readonly FeishuRequestOptions AsUser = new() { AccessToken = "u-user-token" };

    /// <param name="parallelChunks">8: the download starts with a ranged probe, answered 206.</param>
    /// <param name="dropAt">Where the first answer's connection drops.</param>
    /// <param name="honourRanges">False: every answer is the whole body with 200, so a drop at byte 0 resumes with it.</param>
    [Theory]
    [InlineData(1, DropAt, true)]
    [InlineData(8, DropAt, true)]
    [InlineData(1, 0, false)]
    public async Task Reading_content_across_a_resume_never_continues_on_the_callers_synchronization_context(int parallelChunks, int dropAt, bool honourRanges)
    {
        using var telemetry = new TelemetryCapture();
        var handler = new LateRangeHandler(dropAt, honourRanges);
        using var feishu = new MockFeishu(
            o => { o.AppId = telemetry.AppId; o.ParallelChunks = parallelChunks; o.RangeChunkSize = 64 * 1024; },
            client: b => b.ConfigurePrimaryHttpMessageHandler(() => handler));
        var context = new CountingSynchronizationContext();

        await using FeishuDownload download = await context.Start(() => feishu.Client.DownloadFileAsync("file_late", AsUser)).WaitAsync(TimeSpan.FromSeconds(10));
        using var sink = new HashingSink();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Start(() => download.Content.ReadAsync(buffer.AsMemory()).AsTask()).WaitAsync(TimeSpan.FromSeconds(10))) > 0)
        {
            sink.Write(buffer, 0, read);
        }

        Assert.Equal(PatternStream.Sha256(Size), sink.Hash());
        Assert.True(handler.Requests >= 2);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task A_synchronous_read_waits_for_a_resumed_body_that_opens_later()
    {
        var handler = new LateRangeHandler(DropAt, honourRanges: true);
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1, client: b => b.ConfigurePrimaryHttpMessageHandler(() => handler));

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_late", AsUser);
        byte[] hash = await Task.Run(() =>
        {
            using var sink = new HashingSink();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = download.Content.Read(buffer, 0, buffer.Length)) > 0)
            {
                sink.Write(buffer, 0, read);
            }

            return sink.Hash();
        }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal(2, handler.Requests);
    }

    /// <summary>
    /// Serves the resource (honouring <c>Range</c> or not) at once, synchronously or not, with content that opens and
    /// reads only after a real delay; the first answer's connection drops after <paramref name="dropAt"/> bytes.
    /// </summary>
    private sealed class LateRangeHandler(int dropAt, bool honourRanges) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
            => Answer(request);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(Answer(request));

        private HttpResponseMessage Answer(HttpRequestMessage request)
        {
            bool first = Interlocked.Increment(ref _requests) == 1;
            RangeItemHeaderValue? range = honourRanges ? request.Headers.Range?.Ranges.Single() : null;
            long from = range?.From ?? 0;
            long to = Math.Min(range?.To ?? Size - 1, Size - 1);
            long count = to - from + 1;
            var body = new Mut7XbTrackedStream(new PatternStream(from, count, dropAfter: first ? dropAt : null), lateReads: true);
            var content = new Mut7XbLateOpeningContent(body, count);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            var response = new HttpResponseMessage(range is null ? HttpStatusCode.OK : HttpStatusCode.PartialContent) { RequestMessage = request, Content = content };
            if (range is not null)
            {
                content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, Size);
            }

            return response;
        }
    }
}
