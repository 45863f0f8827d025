using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Diagnostics;

public sealed class DownloadMetricsTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    private static string FilesUrl(string key) => MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + key;

    [Fact]
    public async Task Downloads_are_counted_by_api_and_outcome_with_their_bytes()
    {
        using var telemetry = new TelemetryCapture(activities: false);
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        feishu.Http.When(FilesUrl("ok")).Respond(_ => MockFeishu.File(new byte[1000]));
        feishu.Http.When(FilesUrl("gone")).Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234005)));
        feishu.Http.When(MockFeishu.BaseUrl + "/open-apis/im/v1/messages/om_1/resources/*").Respond(_ => MockFeishu.File(new byte[500]));

        for (int i = 0; i < 2; i++)
        {
            await using FeishuDownload download = await feishu.Client.DownloadFileAsync("ok");
            await download.CopyToAsync(Stream.Null);
        }

        await using (FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync("om_1", "file_1", FeishuResourceType.File))
        {
            await download.CopyToAsync(Stream.Null);
        }

        (await feishu.Client.DownloadFileAsync("ok")).Dispose();
        await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => feishu.Client.DownloadFileAsync("gone"));

        Assert.Equal(2, telemetry.Sum("feishu.downloads", ("feishu.api", "files"), ("feishu.outcome", "success")));
        Assert.Equal(1, telemetry.Sum("feishu.downloads", ("feishu.api", "message_resources"), ("feishu.outcome", "success")));
        Assert.Equal(1, telemetry.Sum("feishu.downloads", ("feishu.api", "files"), ("feishu.outcome", "cancelled")));
        Assert.Equal(1, telemetry.Sum("feishu.downloads", ("feishu.outcome", "error"), ("error.type", typeof(FeishuResourceNotFoundException).FullName)));
        Assert.Equal(5, telemetry.Sum("feishu.downloads"));
        Assert.Equal(2000, telemetry.Sum("feishu.download.bytes", ("feishu.api", "files")));
        Assert.Equal(500, telemetry.Sum("feishu.download.bytes", ("feishu.api", "message_resources")));
        Assert.Equal("By", telemetry.Measurements.First(m => m.Instrument == "feishu.download.bytes").Unit);
    }

    [Fact]
    public async Task Platform_errors_are_counted_by_code_and_status()
    {
        using var telemetry = new TelemetryCapture(activities: false);
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        feishu.Http.When(FilesUrl("*")).Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234008)));

        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => feishu.Client.DownloadFileAsync("k" + i));
        }

        Assert.Equal(3, telemetry.Sum("feishu.errors", ("feishu.code", 234008), ("http.response.status_code", 400), ("feishu.api", "files")));
        Assert.Equal(0, telemetry.Sum("feishu.ratelimit.throttled"));
    }

    [Fact]
    public async Task A_429_is_counted_as_throttled_and_as_an_error_with_its_code()
    {
        using var telemetry = new TelemetryCapture(activities: false);
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.Retry.MaxRateLimitRetryAttempts = 2; });
        int calls = 0;
        feishu.Http.When(FilesUrl("busy")).Respond(_ => Interlocked.Increment(ref calls) <= 2 ? TooManyRequests() : MockFeishu.File(new byte[1]));

        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("busy"), Step, Limit)).Dispose();

        Assert.Equal(2, telemetry.Sum("feishu.ratelimit.throttled", ("feishu.api", "files")));
        Assert.Equal(2, telemetry.Sum("feishu.errors", ("feishu.code", 99991400), ("http.response.status_code", 429)));
    }

    [Fact]
    public async Task Limiter_waits_are_recorded_in_seconds_zero_when_a_permit_was_free()
    {
        using var telemetry = new TelemetryCapture(activities: false);
        using var feishu = new MockFeishu(o =>
        {
            o.AppId = telemetry.AppId;
            o.RateLimit.Enabled = true;
            o.RateLimit.PermitsPerSecond = 1;
        });
        feishu.Http.When(FilesUrl("*")).Respond(_ => MockFeishu.File(new byte[1]));

        (await feishu.Client.DownloadFileAsync("first")).Dispose();
        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("second"), Step, Limit)).Dispose();

        IReadOnlyList<double> waits = telemetry.Values("feishu.ratelimit.wait.duration", ("feishu.api", "files"));
        Assert.Equal(2, waits.Count);
        Assert.Equal(0, waits[0]);
        Assert.InRange(waits[1], 1.0, 2.0);
        Assert.Equal("s", telemetry.Measurements.First(m => m.Instrument == "feishu.ratelimit.wait.duration").Unit);
    }

    [Fact]
    public async Task Only_real_token_fetches_are_counted()
    {
        using var telemetry = new TelemetryCapture(activities: false);
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        feishu.Http.When(FilesUrl("*")).Respond(_ => MockFeishu.File(new byte[1]));

        for (int i = 0; i < 3; i++)
        {
            (await feishu.Client.DownloadFileAsync("k" + i)).Dispose();
        }

        Assert.Equal(1, telemetry.Sum("feishu.token.fetches"));
    }

    [Fact]
    public async Task Resumes_are_counted_and_resumed_bytes_are_included()
    {
        using var telemetry = new TelemetryCapture(activities: false);
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        _ = new FakeResourceServer(feishu, 300_000) { DropAfter = i => i < 2 ? 100_000 : null };

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.CopyToAsync(Stream.Null);

        Assert.Equal(2, telemetry.Sum("feishu.download.resumes", ("feishu.api", "files")));
        Assert.Equal(300_000, telemetry.Sum("feishu.download.bytes"));
    }

    private static HttpResponseMessage TooManyRequests()
    {
        HttpResponseMessage response = MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400, "request trigger frequency limit"));
        response.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", "1");
        return response;
    }
}
