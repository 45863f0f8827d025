using System.Diagnostics;
using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Diagnostics;

public sealed class DownloadTracingTests
{
    private const string LogId = "20260207205010TRACELOGID00000000";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    private static string FilesUrl(string key) => MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + key;

    private static object? Tag(Activity activity, string key) => activity.GetTagItem(key);

    [Fact]
    public async Task A_download_is_one_activity_with_api_key_message_status_log_id_and_bytes_ended_when_the_body_ends()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        feishu.Http.When(MockFeishu.BaseUrl + "/open-apis/im/v1/messages/om_trace/resources/img_trace").Respond(_ => MockFeishu.File(new byte[1234], "image/png", logId: LogId));

        await using FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync("om_trace", "img_trace", FeishuResourceType.Image);
        Assert.Empty(telemetry.StoppedNamed("feishu.download"));
        await download.CopyToAsync(Stream.Null);

        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal(telemetry.Root.SpanId, activity.ParentSpanId);
        Assert.Equal("FeishuResources", activity.Source.Name);
        Assert.Equal("message_resources", Tag(activity, "feishu.api"));
        Assert.Equal("img_trace", Tag(activity, "feishu.resource_key"));
        Assert.Equal("om_trace", Tag(activity, "feishu.message_id"));
        Assert.Equal(200, Tag(activity, "http.response.status_code"));
        Assert.Equal(LogId, Tag(activity, "feishu.log_id"));
        Assert.Equal(1234L, Tag(activity, "feishu.download.bytes_received"));
        Assert.Equal("success", Tag(activity, "feishu.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
    }

    [Fact]
    public async Task The_token_fetch_is_a_child_of_the_download_that_caused_it_and_a_cached_token_has_none()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        feishu.Http.When(FilesUrl("*")).Respond(_ => MockFeishu.File(new byte[10]));

        (await feishu.Client.DownloadFileAsync("cold")).Dispose();
        (await feishu.Client.DownloadFileAsync("warm")).Dispose();

        Activity[] downloads = telemetry.StoppedNamed("feishu.download").OrderBy(a => (string?)Tag(a, "feishu.resource_key")).ToArray();
        Assert.Equal(new[] { "cold", "warm" }, downloads.Select(a => Tag(a, "feishu.resource_key")));
        Assert.Single(telemetry.ChildrenOf(downloads[0], "feishu.token.fetch"));
        Assert.Single(telemetry.StoppedNamed("feishu.token.fetch"));
    }

    [Fact]
    public async Task A_refused_download_ends_with_error_status_type_code_and_log_id()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        feishu.Http.When(FilesUrl("not_mine")).Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234008), LogId));

        await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => feishu.Client.DownloadFileAsync("not_mine"));

        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(FeishuPermissionDeniedException).FullName, Tag(activity, "error.type"));
        Assert.Equal(234008, Tag(activity, "feishu.code"));
        Assert.Equal(400, Tag(activity, "http.response.status_code"));
        Assert.Equal(LogId, Tag(activity, "feishu.log_id"));
        Assert.Equal("error", Tag(activity, "feishu.outcome"));
    }

    [Fact]
    public async Task A_body_that_cannot_be_completed_ends_the_activity_with_error()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.MaxResumeAttempts = 0; });
        _ = new FakeResourceServer(feishu, 300_000) { EndAfter = _ => 5_000 };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(FeishuDownloadException).FullName, Tag(activity, "error.type"));
        Assert.Equal(FakeResourceServer.LogId, Tag(activity, "feishu.log_id"));
        Assert.Equal(5_000L, Tag(activity, "feishu.download.bytes_received"));
    }

    [Fact]
    public async Task Disposing_an_unread_download_ends_its_activity_as_cancelled_and_leaves_the_current_activity_alone()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        feishu.Http.When(FilesUrl("unread")).Respond(_ => MockFeishu.File(new byte[100]));

        FeishuDownload download = await feishu.Client.DownloadFileAsync("unread");
        Assert.Same(telemetry.Root, Activity.Current);
        using var elsewhere = new Activity("caller-work").Start();
        download.Dispose();

        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal("cancelled", Tag(activity, "feishu.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Same(elsewhere, Activity.Current);
        Assert.All(telemetry.Started, a => Assert.Contains(a, telemetry.Stopped));
    }

    [Fact]
    public async Task A_429_retry_is_a_child_with_its_wait_and_reason()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.Retry.MaxRateLimitRetryAttempts = 1; });
        int calls = 0;
        feishu.Http.When(FilesUrl("busy")).Respond(_ => Interlocked.Increment(ref calls) == 1 ? TooManyRequests() : MockFeishu.File(new byte[1], logId: LogId));

        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("busy"), Step, Limit)).Dispose();

        Activity download = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Activity retry = Assert.Single(telemetry.ChildrenOf(download, "feishu.download.retry"));
        Assert.Equal(1, Tag(retry, "http.request.resend_count"));
        Assert.Equal("rate_limited", Tag(retry, "feishu.retry.reason"));
        Assert.Equal(2.0, Tag(retry, "feishu.retry.delay"));
        Assert.Equal(200, Tag(retry, "http.response.status_code"));
        Assert.Equal(LogId, Tag(retry, "feishu.log_id"));
    }

    [Fact]
    public async Task A_transient_failure_retry_is_a_child_whose_reason_says_so()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.Retry.MaxRetryAttempts = 1; });
        int calls = 0;
        feishu.Http.When(FilesUrl("flaky")).Respond(_ => Interlocked.Increment(ref calls) == 1 ? new HttpResponseMessage(HttpStatusCode.BadGateway) : MockFeishu.File(new byte[1]));

        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("flaky"), Step, Limit)).Dispose();

        Activity download = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Activity retry = Assert.Single(telemetry.ChildrenOf(download, "feishu.download.retry"));
        Assert.Equal("transient", Tag(retry, "feishu.retry.reason"));
        Assert.Equal(1, Tag(retry, "http.request.resend_count"));
    }

    [Fact]
    public async Task A_limiter_wait_is_a_child_only_when_the_caller_waited()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o =>
        {
            o.AppId = telemetry.AppId;
            o.RateLimit.Enabled = true;
            o.RateLimit.PermitsPerSecond = 1;
        });
        feishu.Http.When(FilesUrl("*")).Respond(_ => MockFeishu.File(new byte[1]));

        (await feishu.Client.DownloadFileAsync("first")).Dispose();
        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("second"), Step, Limit)).Dispose();

        Activity wait = Assert.Single(telemetry.StoppedNamed("feishu.ratelimit.wait"));
        Activity second = telemetry.StoppedNamed("feishu.download").Single(a => Equals(Tag(a, "feishu.resource_key"), "second"));
        Assert.Equal(second.SpanId, wait.ParentSpanId);
        Assert.Equal("files", Tag(wait, "feishu.api"));
        Assert.Equal(telemetry.AppId, Tag(wait, "feishu.app_id"));
        Assert.Equal(telemetry.AppId, Tag(second, "feishu.app_id"));
        Assert.True(wait.Duration >= TimeSpan.FromSeconds(1), "the activity spans the wait: " + wait.Duration);
    }

    [Fact]
    public async Task A_resumed_body_has_a_resume_child_from_the_offset_it_continued_at()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        _ = new FakeResourceServer(feishu, 300_000) { DropAfter = i => i == 0 ? 100_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.CopyToAsync(Stream.Null);

        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Activity resume = Assert.Single(telemetry.ChildrenOf(activity, "feishu.download.resume"));
        Assert.Equal(100_000L, Tag(resume, "feishu.range.start"));
        Assert.Equal(206, Tag(resume, "http.response.status_code"));
        Assert.Equal(300_000L, Tag(activity, "feishu.download.bytes_received"));
        Assert.Equal("success", Tag(activity, "feishu.outcome"));
    }

    [Fact]
    public async Task A_resource_fetched_in_ranges_has_one_chunk_child_per_range_also_when_saved_in_parallel()
    {
        const int chunk = 64 * 1024;
        const long size = (3 * chunk) + 1234;
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.RangeChunkSize = chunk; o.ParallelChunks = 2; });
        _ = new FakeResourceServer(feishu, size) { RefuseWhole = true };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.SaveToFileAsync(Path.Combine(folder.Path, "big.bin"));

        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        IReadOnlyList<Activity> chunks = telemetry.ChildrenOf(activity, "feishu.download.chunk");
        // The download's own request is the probe for the first chunk; two ranges of 98,921 bytes follow: the rest of the first, then the second.
        Assert.Equal(new long[] { chunk, (size + 1) / 2 }, chunks.Select(c => (long)Tag(c, "feishu.range.start")!).Order());
        // The first range ends where the second starts; the last one runs open-ended to the end.
        Assert.Contains((object)(((size + 1) / 2) - 1), chunks.Select(c => Tag(c, "feishu.range.end")));
        Assert.Equal(size, Tag(activity, "feishu.download.bytes_received"));
        Assert.Equal("success", Tag(activity, "feishu.outcome"));
        Assert.Equal(206, Tag(activity, "http.response.status_code"));
    }

    private static HttpResponseMessage TooManyRequests()
    {
        HttpResponseMessage response = MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400, "request trigger frequency limit"));
        response.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", "2");
        return response;
    }
}
