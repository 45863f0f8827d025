using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Client;

/// <summary>
/// The client's request phase: which tenant a store app must name, how a resource over 100 MB is fetched in ranges
/// (and what a refusal of those ranges surfaces as), and that none of it resumes on the caller's context.
/// </summary>
public sealed class Mut7HrRangedPathTests
{
    private const int Chunk = 64 * 1024;
    private const long Size = (3 * Chunk) + 1234;
    private const long WholeDownloadLimit = 100L * 1024 * 1024;
    private static readonly FeishuRequestOptions AsUser = new() { AccessToken = "u-user-token" };

    private static MockFeishu Feishu(Action<FeishuResourcesOptions>? configure = null)
        => new(o =>
        {
            o.RangeChunkSize = Chunk;
            o.ParallelChunks = 1;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task A_store_apps_message_resource_without_a_tenant_is_refused_naming_requestOptions_before_any_request()
    {
        using var feishu = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);

        var withOptions = await Assert.ThrowsAsync<ArgumentException>(
            () => feishu.Client.DownloadMessageResourceAsync("om_1", "file_v3_1", FeishuResourceType.File, new FeishuRequestOptions()));
        var without = await Assert.ThrowsAsync<InvalidOperationException>(
            () => feishu.Client.DownloadMessageResourceAsync("om_1", "file_v3_1", FeishuResourceType.File));

        Assert.Equal("requestOptions", withOptions.ParamName);
        Assert.StartsWith("Store apps act for one tenant per call: pass FeishuRequestOptions with TenantKey set.", withOptions.Message, StringComparison.Ordinal);
        Assert.Equal("Store apps act for one tenant per call: pass FeishuRequestOptions with TenantKey set.", without.Message);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task A_store_app_downloads_with_the_callers_own_token_without_naming_a_tenant()
    {
        using var feishu = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);
        _ = new FakeResourceServer(feishu, 100);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey, AsUser);
        await download.CopyToAsync(Stream.Null);

        Assert.Equal("Bearer u-user-token", Assert.Single(feishu.Downloads).Authorization);
        Assert.Empty(feishu.SentTo("/auth/"));
    }

    [Fact]
    public async Task A_probe_showing_a_resource_over_100_MB_fetches_the_rest_in_chunks()
    {
        using var feishu = Feishu(o => o.ParallelChunks = 2);
        var server = new FakeResourceServer(feishu, WholeDownloadLimit + 1);

        await ReadPastTheProbeAsync(feishu);

        Assert.Equal(new[] { "bytes=0-65535", "bytes=65536-131071" }, server.Ranges);
    }

    [Fact]
    public async Task A_probe_showing_a_resource_of_exactly_100_MB_fetches_the_rest_in_one_range()
    {
        using var feishu = Feishu(o => o.ParallelChunks = 2);
        var server = new FakeResourceServer(feishu, WholeDownloadLimit);

        await ReadPastTheProbeAsync(feishu);

        Assert.Equal(new[] { "bytes=0-65535", "bytes=65536-" }, server.Ranges);
    }

    [Fact]
    public async Task A_ranged_answer_without_a_total_throws_too_large_saying_so()
    {
        using var feishu = Feishu();
        _ = new FakeResourceServer(feishu, Size)
        {
            RefuseWhole = true,
            Intercept = index => index == 1 ? PatternPartialResponse.Of(0, Chunk - 1, "*") : null,
        };

        var ex = await Assert.ThrowsAsync<FeishuResourceTooLargeException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));

        Assert.Contains("the ranged answer did not state the total length", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored the Range request", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limited_range_surfaces_as_a_rate_limit_not_as_ranges_refused()
    {
        using var feishu = Feishu();
        _ = new FakeResourceServer(feishu, Size)
        {
            RefuseWhole = true,
            Intercept = index => index >= 1 ? MockFeishu.Json(HttpStatusCode.TooManyRequests, MockFeishu.ErrorBody(99991400, "request trigger frequency limit")) : null,
        };

        var ex = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));

        Assert.Equal(99991400, ex.Code);
    }

    [Fact]
    public async Task Ranges_refused_with_another_code_carry_that_refusal_as_the_inner_exception()
    {
        using var feishu = Feishu();
        _ = new FakeResourceServer(feishu, Size) { RefuseWhole = true, RefuseRangesWithCode = 234003 };

        var ex = await Assert.ThrowsAsync<FeishuResourceTooLargeException>(() => feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey));

        Assert.Equal(234037, ex.Code);
        var inner = Assert.IsAssignableFrom<FeishuApiException>(ex.InnerException);
        Assert.Equal(234003, inner.Code);
    }

    [Fact]
    public async Task A_resource_fetched_in_ranges_of_exactly_MaxDownloadBytes_downloads()
    {
        using var feishu = Feishu(o => o.MaxDownloadBytes = Size);
        _ = new FakeResourceServer(feishu, Size) { RefuseWhole = true };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        byte[] hash = await HashingSink.HashOfAsync(download.Content);

        Assert.Equal(Size, download.ContentLength);
        Assert.Equal(PatternStream.Sha256(Size), hash);
    }

    [Fact]
    public async Task The_first_range_of_a_resource_refused_whole_is_traced_as_a_chunk_not_a_resume()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = Feishu(o => o.AppId = telemetry.AppId);
        _ = new FakeResourceServer(feishu, Size) { RefuseWhole = true };

        await using (FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey))
        {
            await download.CopyToAsync(Stream.Null);
        }

        Assert.Empty(telemetry.StoppedNamed("feishu.download.resume"));
        Assert.Contains(0L, telemetry.StoppedNamed("feishu.download.chunk").Select(c => (long)c.GetTagItem("feishu.range.start")!));
    }

    [Fact]
    public async Task A_traced_download_never_continues_on_the_callers_synchronization_context()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = OnContextFreeNetwork(
            (_, _) => MockFeishu.File(new byte[100]),
            delayed: _ => true,
            o => o.AppId = telemetry.AppId);
        var context = new CountingSynchronizationContext();

        await using FeishuDownload download = await DownloadOnAsync(context, feishu);

        Assert.Equal(100, download.ContentLength);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task A_resource_refused_whole_is_fetched_in_ranges_without_continuing_on_the_callers_synchronization_context()
    {
        using var feishu = OnContextFreeNetwork(
            (index, _) => index == 0 ? TooLarge() : PatternPartialResponse.Of(0, Chunk - 1, Size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            delayed: index => index >= 1);
        var context = new CountingSynchronizationContext();

        await using FeishuDownload download = await DownloadOnAsync(context, feishu);

        Assert.Equal(Size, download.ContentLength);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task An_empty_resource_refusing_the_probe_is_asked_for_whole_without_continuing_on_the_callers_synchronization_context()
    {
        using var feishu = OnContextFreeNetwork(
            (index, _) => index == 0 ? new HttpResponseMessage(HttpStatusCode.RequestedRangeNotSatisfiable) : MockFeishu.File([]),
            delayed: index => index >= 1,
            o => o.ParallelChunks = 2);
        var context = new CountingSynchronizationContext();

        await using FeishuDownload download = await DownloadOnAsync(context, feishu);

        Assert.Equal(0, download.ContentLength);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task A_probe_whose_body_opens_late_does_not_continue_on_the_callers_synchronization_context()
    {
        using var feishu = OnContextFreeNetwork((_, _) => LateOpeningProbe(), delayed: _ => false, o => o.ParallelChunks = 2);
        var context = new CountingSynchronizationContext();

        await using FeishuDownload download = await DownloadOnAsync(context, feishu);

        Assert.Equal(Size, download.ContentLength);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task Reading_the_content_directly_never_continues_on_the_callers_synchronization_context()
    {
        using var feishu = OnContextFreeNetwork((_, _) => SlowFile(), delayed: _ => false);
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_v3_k", AsUser);
        var context = new CountingSynchronizationContext();
        byte[] buffer = new byte[16];

        int read = await context.Start(() => download.Content.ReadAsync(buffer).AsTask()).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new byte[] { 1, 2, 3 }, buffer[..read]);
        Assert.Equal(0, context.Posts);
    }

    /// <summary>A file of 3 bytes whose every read completes later, off the caller's thread.</summary>
    private static HttpResponseMessage SlowFile()
    {
        var content = new StreamContent(new DelayedReadStream([1, 2, 3]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = 3;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    [Fact]
    public async Task A_refusal_whose_body_opens_late_fails_the_download_without_continuing_on_the_callers_synchronization_context()
    {
        byte[] refusal = Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(234008, "no permission"));
        using var feishu = OnContextFreeNetwork(
            (_, _) => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = LateOpening(refusal, "application/json") },
            delayed: _ => false);
        var context = new CountingSynchronizationContext();

        var ex = await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => context.Start(() => feishu.Client.DownloadFileAsync("file_v3_k", AsUser)).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(234008, ex.Code);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task A_long_message_answer_whose_body_opens_late_is_read_without_continuing_on_the_callers_synchronization_context()
    {
        // Longer than 64 KiB, so the answer is not peeked at as a possible error: the message reader opens it itself.
        byte[] answer = Encoding.UTF8.GetBytes(Messages.GetMessageResourcesTests.Answer(Messages.GetMessageResourcesTests.Item("om_1", "image", """{"image_key":"img_1"}""")) + new string(' ', 80 * 1024));
        using var feishu = OnContextFreeNetwork(
            (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = LateOpening(answer, "application/json") },
            delayed: _ => false);
        var context = new CountingSynchronizationContext();

        IReadOnlyList<FeishuMessageResource> resources = await context.Start(() => feishu.Client.GetMessageResourcesAsync("om_1", AsUser)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("img_1", Assert.Single(resources).Key);
        Assert.Equal(0, context.Posts);
    }

    private static LateOpeningContent LateOpening(byte[] bytes, string mediaType)
    {
        var content = new LateOpeningContent(new MemoryStream(bytes), bytes.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        content.Headers.ContentLength = bytes.Length;
        return content;
    }

    /// <summary>Starts the download with <paramref name="context"/> current; the test's own await stays outside it.</summary>
    private static Task<FeishuDownload> DownloadOnAsync(CountingSynchronizationContext context, MockFeishu feishu)
        => context.Start(() => feishu.Client.DownloadFileAsync("file_v3_k", AsUser)).WaitAsync(TimeSpan.FromSeconds(10));

    private static HttpResponseMessage TooLarge() => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234037, "file size exceed the limit"));

    /// <summary>
    /// A client whose network answers each download request (numbered from 0) at once on the caller's thread, or after a
    /// real delay resumed on the pool: an answer's own code never posts to the caller's context, only the SDK's could.
    /// </summary>
    private static MockFeishu OnContextFreeNetwork(Func<int, HttpRequestMessage, HttpResponseMessage> answer, Func<int, bool> delayed, Action<FeishuResourcesOptions>? configure = null)
        => new(
            o =>
            {
                o.RangeChunkSize = Chunk;
                o.ParallelChunks = 1;
                configure?.Invoke(o);
            },
            client: b => b.ConfigurePrimaryHttpMessageHandler(() => new AnsweringHandler(answer, delayed)));

    private static HttpResponseMessage LateOpeningProbe()
    {
        var content = new LateOpeningContent(new PatternStream(0, Chunk), Chunk);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = Chunk;
        content.Headers.ContentRange = new ContentRangeHeaderValue(0, Chunk - 1, Size);
        return new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = content };
    }

    private static async Task ReadPastTheProbeAsync(MockFeishu feishu)
    {
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var buffer = new byte[16 * 1024];
        long read = 0;
        while (read <= Chunk)
        {
            int n = await download.Content.ReadAsync(buffer);
            Assert.NotEqual(0, n);
            read += n;
        }
    }

    /// <summary>Content whose stream is handed out only after a real delay, so opening the body really suspends.</summary>
    private sealed class LateOpeningContent(Stream stream, long length) : HttpContent
    {
        protected override async Task<Stream> CreateContentReadStreamAsync()
        {
            await Task.Delay(20).ConfigureAwait(false);
            return stream;
        }

        protected override Task SerializeToStreamAsync(Stream target, TransportContext? context) => stream.CopyToAsync(target);

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }

    private sealed class AnsweringHandler(Func<int, HttpRequestMessage, HttpResponseMessage> answer, Func<int, bool> delayed) : HttpMessageHandler
    {
        private int _requests = -1;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int index = Interlocked.Increment(ref _requests);
            return delayed(index) ? LaterAsync(index, request, cancellationToken) : Task.FromResult(answer(index, request));
        }

        private async Task<HttpResponseMessage> LaterAsync(int index, HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            return answer(index, request);
        }
    }
}
