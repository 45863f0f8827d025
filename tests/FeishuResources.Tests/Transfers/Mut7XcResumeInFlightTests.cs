using System.Net;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A read that waits for the request resuming a dropped body never continues on the caller's
/// <see cref="SynchronizationContext"/>: a UI thread blocking on it would deadlock.
/// </summary>
public sealed class Mut7XcResumeInFlightTests
{
    private const long Size = 200_000;
    private const long DroppedAt = 1_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reads_that_wait_for_a_resume_never_continue_on_the_callers_synchronization_context()
    {
        var server = new DroppedThenLateRangeHandler();
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1, client: b => b.ConfigurePrimaryHttpMessageHandler(() => server));
        var context = new CountingSynchronizationContext();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_k", new FeishuRequestOptions { AccessToken = "u-user-token" });
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await context.Start(() => download.Content.ReadAsync(buffer).AsTask()).WaitAsync(Patience)) > 0)
        {
            total += read;
        }

        Assert.Equal(Size, total);
        Assert.Equal(new[] { null, "bytes=1000-" }, server.Ranges);
        Assert.Equal(0, context.Posts);
    }

    /// <summary>
    /// Drops the body after 1,000 bytes and answers the resume after a real delay, without MockHttp (which resumes
    /// on the caller's context itself).
    /// </summary>
    private sealed class DroppedThenLateRangeHandler : HttpMessageHandler
    {
        public List<string?> Ranges { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Ranges.Add(request.Headers.Range?.ToString());
            if (request.Headers.Range is null)
            {
                var content = new StreamContent(new PatternStream(0, Size, dropAfter: DroppedAt));
                content.Headers.ContentLength = Size;
                return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content };
            }

            // The resume is answered later, so the read really waits for it.
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage partial = PatternPartialResponse.Of(DroppedAt, Size - 1, Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            partial.RequestMessage = request;
            return partial;
        }
    }
}
