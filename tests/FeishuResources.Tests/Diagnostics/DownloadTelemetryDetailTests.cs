using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using FeishuResources.Diagnostics;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Diagnostics;

/// <summary>
/// What an operator's traces and metrics show in the cases the main telemetry tests do not reach: several
/// retries, recoverable setbacks of a body, ranged chunks, the app on every span and the instruments themselves.
/// </summary>
public sealed class DownloadTelemetryDetailTests
{
    private const long Size = 300_000;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    private static string FilesUrl(string key) => MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + key;

    private static object? Tag(Activity activity, string key) => activity.GetTagItem(key);

    [Fact]
    public async Task Each_retry_of_one_download_carries_its_own_resend_count()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.Retry.MaxRateLimitRetryAttempts = 2; });
        int calls = 0;
        feishu.Http.When(FilesUrl("busy")).Respond(_ => Interlocked.Increment(ref calls) <= 2 ? TooManyRequests() : MockFeishu.File(new byte[1]));

        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("busy"), Step, Limit)).Dispose();

        Activity download = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        IReadOnlyList<Activity> retries = telemetry.ChildrenOf(download, "feishu.download.retry");
        Assert.Equal(new[] { 1, 2 }, retries.Select(r => (int)Tag(r, "http.request.resend_count")!).Order());
    }

    [Fact]
    public async Task A_cancelled_read_then_dispose_ends_the_download_as_cancelled_not_as_an_error()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        _ = new FakeResourceServer(feishu, Size);
        using var cts = new CancellationTokenSource();

        FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.CopyToAsync(Stream.Null, new RecordingProgress(_ => cts.Cancel()), cts.Token));
        Assert.Empty(telemetry.StoppedNamed("feishu.download"));
        download.Dispose();

        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal("cancelled", Tag(activity, "feishu.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Null(Tag(activity, "error.type"));
        Assert.Equal(1, telemetry.Sum("feishu.downloads", ("feishu.outcome", "cancelled"), ("error.type", null)));
    }

    [Fact]
    public async Task A_resume_answered_with_the_whole_body_and_not_started_over_ends_as_an_error_when_disposed()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.ParallelChunks = 1; });
        _ = new FakeResourceServer(feishu, Size) { IgnoreRange = true, DropAfter = i => i == 0 ? 70_000 : null };

        FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));
        Assert.Empty(telemetry.StoppedNamed("feishu.download"));
        download.Dispose();

        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal("error", Tag(activity, "feishu.outcome"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(FeishuDownloadException).FullName, Tag(activity, "error.type"));
        Assert.Equal(1, telemetry.Sum("feishu.downloads", ("feishu.outcome", "error"), ("error.type", typeof(FeishuDownloadException).FullName)));
    }

    [Fact]
    public async Task A_download_failing_on_a_later_response_ends_with_that_response_log_id()
    {
        const string resumeLogId = "20260207205010RESUMELOGID0000000";
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.ParallelChunks = 1; });
        _ = new FakeResourceServer(feishu, Size)
        {
            DropAfter = i => i == 0 ? 70_000 : null,
            Intercept = i => i == 1 ? MockFeishu.File(new byte[Size], logId: resumeLogId) : null,
        };

        FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));
        download.Dispose();

        Assert.Equal(resumeLogId, ex.LogId);
        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal(resumeLogId, Tag(activity, "feishu.log_id"));
    }

    [Fact]
    public async Task A_save_that_starts_over_after_a_resume_got_the_whole_body_ends_as_a_success()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        _ = new FakeResourceServer(feishu, Size) { IgnoreRange = true, DropAfter = i => i == 0 ? 150_000 : null };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin"));

        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal("success", Tag(activity, "feishu.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
    }

    [Fact]
    public async Task A_resume_refused_by_the_platform_ends_the_download_with_the_refusal_code()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.ParallelChunks = 1; });
        _ = new FakeResourceServer(feishu, Size) { RefuseRangesWithCode = 234005, DropAfter = i => i == 0 ? 10_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Activity activity = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(234005, Tag(activity, "feishu.code"));
    }

    [Fact]
    public async Task A_download_disposed_unread_records_no_byte_measurement()
    {
        using var telemetry = new TelemetryCapture(activities: false);
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        feishu.Http.When(FilesUrl("unread")).Respond(_ => MockFeishu.File(new byte[100]));

        (await feishu.Client.DownloadFileAsync("unread")).Dispose();

        Assert.Equal(1, telemetry.Sum("feishu.downloads", ("feishu.outcome", "cancelled")));
        Assert.Empty(telemetry.Values("feishu.download.bytes"));
    }

    [Fact]
    public async Task A_refused_message_list_is_counted_under_the_message_list_api()
    {
        using var telemetry = new TelemetryCapture(activities: false);
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/messages")
            .Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(230002, "bot not in chat")));

        await Assert.ThrowsAnyAsync<FeishuApiException>(async () => await feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync());

        Assert.Equal(1, telemetry.Sum("feishu.errors", ("feishu.code", 230002), ("feishu.api", "message_list")));
    }

    [Fact]
    public void The_meter_and_source_publish_each_instrument_with_its_unit_a_description_and_the_sdk_version()
    {
        string? version = typeof(FeishuDownload).Assembly.GetName().Version?.ToString();
        // The instruments are created with the SDK's first use; listening publishes those that exist.
        _ = FeishuTelemetry.Downloads;
        var published = new List<Instrument>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == FeishuResourcesDiagnostics.MeterName)
                {
                    published.Add(instrument);
                }
            };
            listener.Start();
        }

        var units = published.ToDictionary(i => i.Name, i => i.Unit);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["feishu.downloads"] = "{download}",
                ["feishu.download.bytes"] = "By",
                ["feishu.errors"] = "{response}",
                ["feishu.ratelimit.wait.duration"] = "s",
                ["feishu.ratelimit.throttled"] = "{response}",
                ["feishu.token.fetches"] = "{fetch}",
                ["feishu.download.resumes"] = "{resume}",
            },
            units);
        Assert.All(published, i => Assert.False(string.IsNullOrWhiteSpace(i.Description), i.Name));
        Assert.All(published, i => Assert.Equal(version, i.Meter.Version));
        Assert.NotNull(version);
    }

    private static HttpResponseMessage TooManyRequests()
    {
        HttpResponseMessage response = MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400, "request trigger frequency limit"));
        response.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", "1");
        return response;
    }
}
