using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Diagnostics;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// <see cref="FeishuDownload.Dispose"/> may come from any thread at any moment (a Cancel button, a request aborted):
/// whatever the body was doing, the copy fails saying the download was disposed, nothing already received is left
/// open, and no further request goes out.
/// </summary>
public sealed class Mut8RbsDisposeRaceTests
{
    private const long Size = 300_000;
    private const int Chunk = 64 * 1024;

    /// <summary>The moment is pinned by the resume's activity: it stops once the answer is in, before the body takes it.</summary>
    [Fact]
    public async Task Disposing_just_as_the_resume_is_answered_fails_the_copy_and_closes_that_answer()
    {
        using var root = new Activity("mut8rbs-dispose-race").SetIdFormat(ActivityIdFormat.W3C).Start();
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        Mut7XbTrackedStream? resumed = null;
        var server = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? 100_000 : null,
            Intercept = i =>
            {
                if (i == 0)
                {
                    return null;
                }

                resumed = new Mut7XbTrackedStream(new PatternStream(100_000, Size - 100_000));
                var content = new StreamContent(resumed);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Headers.ContentLength = Size - 100_000;
                content.Headers.ContentRange = new ContentRangeHeaderValue(100_000, Size - 1, Size);
                return new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = content };
            },
        };

        FeishuDownload? download = null;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FeishuResourcesDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == root.TraceId && activity.OperationName == "feishu.download.resume")
                {
                    download?.Dispose();
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);

        var ex = await Assert.ThrowsAsync<ObjectDisposedException>(() => download.CopyToAsync(Stream.Null)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains("disposed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { null, "bytes=100000-" }, server.Ranges);
        Assert.True(resumed!.Disposed, "The answer to the resume was left open.");
    }

    [Fact]
    public async Task Disposing_while_a_read_checks_that_a_range_ended_sends_no_request_for_the_next_one()
    {
        using var feishu = new MockFeishu(o => { o.ParallelChunks = 8; o.RangeChunkSize = Chunk; });
        var endAwaited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Mut8RbsLateStream? first = null;
        // The first range's connection hands out its bytes, then waits at the end until it is closed, and fails the wait then.
        first = new Mut8RbsLateStream(new PatternStream(0, Chunk), (_, read) => read > 0 ? Task.CompletedTask : WaitForCloseAsync(first!, endAwaited));
        var ranges = new List<string?>();
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_r").Respond(request =>
        {
            RangeItemHeaderValue range = request.Headers.Range!.Ranges.Single();
            int index;
            lock (ranges)
            {
                index = ranges.Count;
                ranges.Add(request.Headers.Range.ToString());
            }

            long from = range.From!.Value;
            long to = Math.Min(range.To ?? Size - 1, Size - 1);
            var content = new StreamContent(index == 0 ? first : new PatternStream(from, to - from + 1));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = to - from + 1;
            content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, Size);
            return new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = content };
        });

        FeishuDownload download = await feishu.Client.DownloadFileAsync("file_r");
        var buffer = new byte[16 * 1024];
        long received = 0;
        while (received < Chunk)
        {
            received += await download.Content.ReadAsync(buffer);
        }

        // The next read first checks that the first range's connection really ended; it waits for the close.
        Task<int> next = download.Content.ReadAsync(buffer).AsTask();
        await endAwaited.Task.WaitAsync(TimeSpan.FromSeconds(20));
        download.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => next).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Chunk, received);
        lock (ranges)
        {
            Assert.Equal(new[] { "bytes=0-65535" }, ranges);
        }
    }

    private static async Task WaitForCloseAsync(Mut8RbsLateStream connection, TaskCompletionSource endAwaited)
    {
        endAwaited.TrySetResult();
        await connection.Closed.ConfigureAwait(false);
        throw new IOException("The connection was closed while a read waited (simulated).");
    }
}
