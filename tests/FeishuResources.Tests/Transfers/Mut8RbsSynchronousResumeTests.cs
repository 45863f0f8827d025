using System.Net;
using System.Net.Http.Headers;
using FeishuResources.TestSupport;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A synchronous read of <see cref="FeishuDownload.Content"/> that resumes a dropped connection sends the request
/// synchronously, but a handler may still hand out the new body only later (it opens it lazily: a cache, a
/// decompressor, a proxy): the read then waits for it, however long, and goes on with the bytes.
/// </summary>
public sealed class Mut8RbsSynchronousResumeTests
{
    private const long Size = 200_000;
    private const int DropAt = 50_000;
    private static readonly FeishuRequestOptions AsUser = new() { AccessToken = "u-user-token" };

    [Fact]
    public async Task A_synchronous_read_waits_for_a_resumed_body_that_opens_only_once_it_is_waited_for()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new LateResumeHandler(opening, opened.Task);
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1, client: b => b.ConfigurePrimaryHttpMessageHandler(() => handler));

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_late", AsUser);
        using var sink = new HashingSink();
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = download.Content.Read(buffer, 0, buffer.Length)) > 0)
                {
                    sink.Write(buffer, 0, read);
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        { IsBackground = true };
        reader.Start();

        // The resumed body is asked for; it opens only once the reader is seen blocked, waiting for it (or gone).
        await opening.Task.WaitAsync(TimeSpan.FromSeconds(20));
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (reader.IsAlive && (reader.ThreadState & ThreadState.WaitSleepJoin) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1);
        }

        opened.SetResult();
        Assert.True(reader.Join(TimeSpan.FromSeconds(20)), "The synchronous read did not finish.");

        Assert.Null(failure);
        Assert.Equal(PatternStream.Sha256(Size), sink.Hash());
        Assert.Equal(new[] { "", $"bytes={DropAt}-" }, handler.Ranges);
    }

    /// <summary>Answers at once, synchronously or not; the first body drops, the resumed one opens when <c>opened</c> completes.</summary>
    private sealed class LateResumeHandler(TaskCompletionSource opening, Task opened) : HttpMessageHandler
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

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Answer(request);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(Answer(request));

        private HttpResponseMessage Answer(HttpRequestMessage request)
        {
            int index;
            lock (_ranges)
            {
                index = _ranges.Count;
                _ranges.Add(request.Headers.Range?.ToString() ?? "");
            }

            long from = request.Headers.Range?.Ranges.Single().From ?? 0;
            var body = new PatternStream(from, Size - from, dropAfter: index == 0 ? DropAt : null);
            HttpContent content = index == 0 ? new StreamContent(body) : new GatedContent(body, opening, opened);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = Size - from;
            if (index > 0)
            {
                content.Headers.ContentRange = new ContentRangeHeaderValue(from, Size - 1, Size);
            }

            return new HttpResponseMessage(index == 0 ? HttpStatusCode.OK : HttpStatusCode.PartialContent) { RequestMessage = request, Content = content };
        }
    }

    /// <summary>Content whose stream is handed out only once <c>opened</c> completes; it says when it is asked for.</summary>
    private sealed class GatedContent(Stream body, TaskCompletionSource opening, Task opened) : HttpContent
    {
        protected override async Task<Stream> CreateContentReadStreamAsync()
        {
            opening.TrySetResult();
            await opened.ConfigureAwait(false);
            return body;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => body.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                body.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
