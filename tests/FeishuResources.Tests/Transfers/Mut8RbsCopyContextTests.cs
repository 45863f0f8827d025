using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.TestSupport;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A copy or read started on a UI thread's (or a classic ASP.NET request's) <see cref="SynchronizationContext"/> never
/// continues on it, wherever it first has to wait: for a resume, for a resumed body read block by block, for a slow
/// destination taking the bytes peeked from a JSON file, or for the check that a body really ended. A caller blocking
/// on that context would deadlock.
/// </summary>
public sealed class Mut8RbsCopyContextTests
{
    private const long Size = 300_000;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private static readonly FeishuRequestOptions AsUser = new() { AccessToken = "u-user-token" };

    public enum Slow
    {
        Reads,
        Writes,
    }

    [Fact]
    public async Task A_copy_waiting_for_its_resume_never_continues_on_the_callers_synchronization_context()
    {
        var resumeAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ResumeHandler(
            (index, from) => index == 0 ? Answer(new PatternStream(0, Size, dropAfter: 100_000), Size) : Answer(new PatternStream(from, Size - from), Size - from, from),
            resumeGate: resumeAnswered.Task);
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1, client: b => b.ConfigurePrimaryHttpMessageHandler(() => handler));
        var context = new CountingSynchronizationContext();
        using var sink = new HashingSink();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_k", AsUser);
        // The copy returns to its caller while it waits for the resume; only then is the resume answered.
        Task copy = context.Start(() => download.CopyToAsync(sink));
        resumeAnswered.SetResult();
        await copy.WaitAsync(Limit);

        Assert.Equal(PatternStream.Sha256(Size), sink.Hash());
        Assert.Equal(new[] { "", "bytes=100000-" }, handler.Ranges);
        Assert.Equal(0, context.Posts);
    }

    /// <summary>
    /// The first answer drops before its first byte and the resume is answered with the whole body without a length:
    /// the copy goes on with it block by block, so only the stream's own end stops it. Its first read (or write) waits
    /// until the copy has returned to its caller.
    /// </summary>
    [Theory]
    [InlineData(Slow.Reads)]
    [InlineData(Slow.Writes)]
    public async Task A_copy_going_on_with_a_whole_body_of_unstated_length_never_continues_on_the_callers_synchronization_context(Slow slow)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ResumeHandler(
            (index, _) => index == 0
                ? Answer(new PatternStream(0, Size, dropAfter: 0), Size)
                : Answer(slow == Slow.Reads ? new Mut8RbsLateStream(new PatternStream(0, Size), (readIndex, _) => readIndex == 0 ? arrived.Task : Task.Delay(1)) : new PatternStream(0, Size), declaredLength: null),
            resumeGate: null);
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1, client: b => b.ConfigurePrimaryHttpMessageHandler(() => handler));
        var context = new CountingSynchronizationContext();
        using var destination = slow == Slow.Writes ? new Mut8RbsLateDestination(arrived.Task) : null;
        using var sink = new HashingSink();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_k", AsUser);
        Task copy = context.Start(() => download.CopyToAsync((Stream?)destination ?? sink));
        arrived.SetResult();
        await copy.WaitAsync(Limit);

        Assert.Equal(PatternStream.Sha256(Size), destination?.Hash() ?? sink.Hash());
        Assert.Equal(new[] { "", "bytes=0-" }, handler.Ranges);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task Copying_a_json_file_to_a_slow_destination_never_continues_on_the_callers_synchronization_context()
    {
        using var feishu = new MockFeishu();
        byte[] json = Encoding.UTF8.GetBytes("""{"rows":[1,2,3]}""");
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_json").Respond(_ =>
        {
            var content = new ByteArrayContent(json);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var context = new CountingSynchronizationContext();
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var destination = new Mut8RbsLateDestination(taken.Task);
        using var expected = new HashingSink();
        expected.Write(json);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_json");
        // The bytes the SDK peeked at to tell a file from an error are written first: the destination takes them later.
        Task copy = context.Start(() => download.CopyToAsync(destination));
        taken.SetResult();
        await copy.WaitAsync(Limit);

        Assert.Equal(expected.Hash(), destination.Hash());
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task Reading_content_to_its_end_over_a_slow_connection_never_continues_on_the_callers_synchronization_context()
    {
        using var feishu = new MockFeishu();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_slow").Respond(_ =>
        {
            var content = new StreamContent(new Mut8RbsLateStream(new PatternStream(0, Size), (_, read) => read == 0 ? closed.Task : Task.Delay(1)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = Size;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var context = new CountingSynchronizationContext();
        using var sink = new HashingSink();
        var buffer = new byte[64 * 1024];

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_slow");
        while (sink.BytesWritten < Size)
        {
            int read = await context.Start(() => download.Content.ReadAsync(buffer.AsMemory()).AsTask()).WaitAsync(Limit);
            sink.Write(buffer, 0, read);
        }

        // The read after the last byte checks that nothing follows the declared length: it waits for the close.
        Task<int> last = context.Start(() => download.Content.ReadAsync(buffer.AsMemory()).AsTask());
        closed.SetResult();

        Assert.Equal(0, await last.WaitAsync(Limit));
        Assert.Equal(PatternStream.Sha256(Size), sink.Hash());
        Assert.Equal(0, context.Posts);
    }

    /// <summary>A 200 with the whole body, or a 206 from <paramref name="from"/> when it is given.</summary>
    private static HttpResponseMessage Answer(Stream body, long? declaredLength, long? from = null)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = declaredLength;
        if (from is long start)
        {
            content.Headers.ContentRange = new ContentRangeHeaderValue(start, Size - 1, Size);
        }

        return new HttpResponseMessage(from is null ? HttpStatusCode.OK : HttpStatusCode.PartialContent) { Content = content };
    }

    /// <summary>
    /// Answers the n-th request with <paramref name="answer"/>(n, the range's first byte), every one after the first
    /// once <paramref name="resumeGate"/> completes when given; its own waits stay off the caller's context.
    /// </summary>
    private sealed class ResumeHandler(Func<int, long, HttpResponseMessage> answer, Task? resumeGate) : HttpMessageHandler
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

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int index;
            lock (_ranges)
            {
                index = _ranges.Count;
                _ranges.Add(request.Headers.Range?.ToString() ?? "");
            }

            if (index > 0 && resumeGate is not null)
            {
                await resumeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            HttpResponseMessage response = answer(index, request.Headers.Range?.Ranges.Single().From ?? 0);
            response.RequestMessage = request;
            return response;
        }
    }
}
