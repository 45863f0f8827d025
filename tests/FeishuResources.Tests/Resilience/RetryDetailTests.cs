using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Resilience;

/// <summary>What each retry tells the logs and traces, how its wait is chosen, and when a named wait is not waited.</summary>
public sealed class RetryDetailTests
{
    private const string FilesUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/*";
    private const string LogId = "20260207205010RETRYLOGID0000000";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Retry_logs_number_their_attempts_from_one_for_each_kind_of_retry()
    {
        using var feishu = new MockFeishu(o => { o.Retry.MaxRetryAttempts = 2; o.Retry.MaxRateLimitRetryAttempts = 2; });
        Sequence(feishu,
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            TooManyRequests,
            TooManyRequests,
            () => MockFeishu.File(new byte[1]));

        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit)).Dispose();

        Assert.Equal(["1", "2"], Logged(feishu, "RetryingTransientFailure", "Attempt"));
        Assert.Equal(["1", "2"], Logged(feishu, "RetryingAfterRateLimit", "Attempt"));
    }

    [Fact]
    public async Task A_transient_retry_log_names_the_platform_refusal_by_type_code_status_and_log_id()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRetryAttempts = 2);
        Sequence(feishu,
            () => MockFeishu.Json(HttpStatusCode.InternalServerError, MockFeishu.ErrorBody(1234567, "internal", logId: LogId), logId: LogId),
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            () => MockFeishu.File(new byte[1]));

        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit)).Dispose();

        IReadOnlyList<string> failures = Logged(feishu, "RetryingTransientFailure", "Failure");
        Assert.Equal(2, failures.Count);
        Assert.Matches(@"^Feishu\w*Exception code 1234567, HTTP 500, log id " + LogId + "$", failures[0]);
        Assert.EndsWith("HTTP 502, log id none", failures[1]);
    }

    [Fact]
    public async Task A_transient_retry_log_names_a_network_failure_by_its_type_only()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRetryAttempts = 1);
        Sequence(feishu, () => throw new HttpRequestException("connection reset by 10.0.0.1"), () => MockFeishu.File(new byte[1]));

        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit)).Dispose();

        Assert.Equal(["HttpRequestException"], Logged(feishu, "RetryingTransientFailure", "Failure"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retry_waits_nobody_named_are_jittered_so_callers_held_back_together_do_not_return_at_once(bool rateLimited)
    {
        using var feishu = new MockFeishu(o =>
        {
            o.Retry.MaxRetryAttempts = 1;
            o.Retry.MaxRateLimitRetryAttempts = 1;
            o.Retry.BaseDelay = o.Retry.DefaultRateLimitDelay = TimeSpan.FromSeconds(4);
        });
        var failed = new HashSet<string>();
        feishu.Http.When(FilesUrl).Respond(request =>
        {
            lock (failed)
            {
                if (!failed.Add(request.RequestUri!.AbsolutePath))
                {
                    return MockFeishu.File(new byte[1]);
                }
            }

            // A 429 that names no wait, or a transient 502.
            return rateLimited
                ? MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400, "request trigger frequency limit"))
                : new HttpResponseMessage(HttpStatusCode.BadGateway);
        });

        Task<FeishuDownload[]> all = Task.WhenAll(Enumerable.Range(0, 6).Select(i => feishu.Client.DownloadFileAsync("k" + i)));
        foreach (FeishuDownload download in await feishu.Time.RunAsync(all, Step, Limit))
        {
            download.Dispose();
        }

        IReadOnlyList<string> delays = Logged(feishu, rateLimited ? "RetryingAfterRateLimit" : "RetryingTransientFailure", "DelayMilliseconds");
        Assert.Equal(6, delays.Count);
        Assert.True(delays.Distinct().Count() > 1, "six waits of exactly the same length: " + string.Join(", ", delays));
    }

    [Fact]
    public async Task A_named_wait_that_fit_the_budget_at_the_start_but_not_after_a_slow_attempt_is_not_waited()
    {
        using var feishu = new MockFeishu(o =>
        {
            o.Retry.MaxRateLimitRetryAttempts = 3;
            o.Timeouts.AttemptTimeout = o.Timeouts.TotalTimeout = TimeSpan.FromSeconds(10);
        });
        int calls = 0;
        MockedRequest files = feishu.Http.When(FilesUrl);
        files.Respond(async () =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                return MockFeishu.File(new byte[1]);
            }

            // 6 s of the budget gone before the platform asks for a 5 s wait: 5 s no longer fits in the 4 s left.
            await Task.Delay(TimeSpan.FromSeconds(6), feishu.Time);
            HttpResponseMessage limited = MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400, "request trigger frequency limit"));
            limited.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", "5");
            return limited;
        });

        var ex = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit));

        Assert.Equal(TimeSpan.FromSeconds(5), ex.RetryAfter);
        Assert.Equal(1, feishu.Http.GetMatchCount(files));
    }

    [Fact]
    public async Task A_retry_that_fails_again_marks_its_activity_failed_with_the_platform_code_and_log_id()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.Retry.MaxRetryAttempts = 1; });
        Sequence(feishu, () => MockFeishu.Json(HttpStatusCode.InternalServerError, MockFeishu.ErrorBody(1234567, "internal", logId: LogId), logId: LogId));

        await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit));

        Activity download = Assert.Single(telemetry.StoppedNamed("feishu.download"));
        Activity retry = Assert.Single(telemetry.ChildrenOf(download, "feishu.download.retry"));
        Assert.Equal(ActivityStatusCode.Error, retry.Status);
        Assert.Equal(1234567, retry.GetTagItem("feishu.code"));
        Assert.Equal(500, retry.GetTagItem("http.response.status_code"));
        Assert.Equal(LogId, retry.GetTagItem("feishu.log_id"));
    }

    [Fact]
    public async Task A_429_is_never_retried_as_a_transient_failure()
    {
        using var feishu = new MockFeishu(o => { o.Retry.MaxRetryAttempts = 3; o.Retry.MaxRateLimitRetryAttempts = 0; });
        MockedRequest files = feishu.Http.When(FilesUrl);
        files.Respond(_ => TooManyRequests());

        await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit));

        Assert.Equal(1, feishu.Http.GetMatchCount(files));
    }

    [Fact]
    public async Task An_unexpected_exception_from_the_transport_is_not_retried()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRetryAttempts = 3);
        MockedRequest files = feishu.Http.When(FilesUrl);
        files.Respond(_ => throw new InvalidOperationException("a handler bug"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit));

        Assert.Equal(1, feishu.Http.GetMatchCount(files));
    }

    private static HttpResponseMessage TooManyRequests()
    {
        HttpResponseMessage response = MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400, "request trigger frequency limit"));
        response.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", "0.5");
        return response;
    }

    private static void Sequence(MockFeishu feishu, params Func<HttpResponseMessage>[] responses)
    {
        int call = 0;
        feishu.Http.When(FilesUrl).Respond(_ => responses[Math.Min(Interlocked.Increment(ref call) - 1, responses.Length - 1)]());
    }

    /// <summary>One structured value of every log entry of the given event, in order.</summary>
    private static IReadOnlyList<string> Logged(MockFeishu feishu, string eventName, string name)
        => feishu.Logs.GetSnapshot()
            .Where(r => r.Id.Name == eventName)
            .Select(r => Convert.ToString(r.StructuredState!.Single(p => p.Key == name).Value, CultureInfo.InvariantCulture)!)
            .ToList();
}
