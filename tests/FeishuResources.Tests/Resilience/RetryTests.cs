using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Resilience;

public sealed class RetryTests
{
    private const string FilesUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/*";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static HttpResponseMessage TooManyRequests(string? reset = "1", string? retryAfter = null)
    {
        HttpResponseMessage response = MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400, "request trigger frequency limit"));
        if (reset is not null)
        {
            response.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", reset);
            response.Headers.TryAddWithoutValidation("x-ogw-ratelimit-limit", "50");
        }

        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }

    private static MockedRequest Sequence(MockFeishu feishu, params Func<HttpResponseMessage>[] responses)
    {
        int call = 0;
        return feishu.Http.When(FilesUrl).Respond(_ => responses[Math.Min(Interlocked.Increment(ref call) - 1, responses.Length - 1)]());
    }

    [Fact]
    public async Task A_429_waits_the_fractional_reset_the_server_named_and_holds_back_other_callers()
    {
        // A cap above the wait: the others are held back for all of it.
        using var feishu = new MockFeishu(o => { o.RateLimit.Enabled = true; o.Retry.MaxRateLimitRetryAttempts = 1; o.Retry.MaxQuotaPause = TimeSpan.FromSeconds(5); });
        MockedRequest files = Sequence(feishu, () => TooManyRequests(reset: "2.5"), () => MockFeishu.File(new byte[1]));

        Task<FeishuDownload> limited = feishu.Client.DownloadFileAsync("first");
        await FakeTimeDriver.EventuallyAsync(() => feishu.Time.HasTimerDueIn(TimeSpan.FromSeconds(2.5)), "the retry waits 2.5 s");
        Assert.Contains("ServerRateLimited", feishu.Logs.AllText());
        Task<FeishuDownload> bystander = feishu.Client.DownloadFileAsync("second");

        feishu.Time.Advance(TimeSpan.FromSeconds(2.4));
        await FakeTimeDriver.SettleAsync();
        Assert.Equal(1, feishu.Http.GetMatchCount(files));
        Assert.False(limited.IsCompleted);
        Assert.False(bystander.IsCompleted);

        feishu.Time.Advance(TimeSpan.FromSeconds(0.1));
        (await limited.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        (await bystander.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Assert.Equal(3, feishu.Http.GetMatchCount(files));
    }

    [Fact]
    public async Task Without_a_reset_header_the_429_wait_follows_Retry_After()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRateLimitRetryAttempts = 1);
        MockedRequest files = Sequence(feishu, () => TooManyRequests(reset: null, retryAfter: "3"), () => MockFeishu.File(new byte[1]));

        Task<FeishuDownload> download = feishu.Client.DownloadFileAsync("k");
        await FakeTimeDriver.EventuallyAsync(() => feishu.Time.HasTimerDueIn(TimeSpan.FromSeconds(3)), "the retry waits 3 s");
        feishu.Time.Advance(TimeSpan.FromSeconds(2.9));
        await FakeTimeDriver.SettleAsync();
        Assert.Equal(1, feishu.Http.GetMatchCount(files));

        feishu.Time.Advance(TimeSpan.FromSeconds(0.1));
        (await download.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Assert.Equal(2, feishu.Http.GetMatchCount(files));
    }

    [Fact]
    public async Task Rate_limit_retries_are_bounded_and_end_in_FeishuRateLimitedException_with_RetryAfter()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRateLimitRetryAttempts = 2);
        MockedRequest files = Sequence(feishu, () => TooManyRequests(reset: "1.5"));

        var ex = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit));

        Assert.Equal(3, feishu.Http.GetMatchCount(files));
        Assert.Equal(TimeSpan.FromSeconds(1.5), ex.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
    }

    [Fact]
    public async Task A_99991400_on_http_400_from_an_older_gateway_is_a_rate_limit_too()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRateLimitRetryAttempts = 1);
        MockedRequest files = Sequence(feishu,
            () => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(99991400, "request trigger frequency limit")),
            () => MockFeishu.File(new byte[1]));

        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit)).Dispose();

        Assert.Equal(2, feishu.Http.GetMatchCount(files));
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_one_succeeds()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRetryAttempts = 3);
        MockedRequest files = Sequence(feishu,
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            () => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234019, "scope CheckAppTenant fail")),
            () => throw new HttpRequestException("connection reset"),
            () => MockFeishu.File(new byte[] { 42 }));

        using FeishuDownload download = await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit);

        Assert.Equal(4, feishu.Http.GetMatchCount(files));
        Assert.Equal(42, download.Content.ReadByte());
    }

    [Fact]
    public async Task Transient_retries_are_bounded()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRetryAttempts = 2);
        MockedRequest files = Sequence(feishu, () => new HttpResponseMessage(HttpStatusCode.BadGateway));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Equal(3, feishu.Http.GetMatchCount(files));
    }

    [Theory]
    [InlineData(234037)]
    [InlineData(234008)]
    [InlineData(234003)]
    [InlineData(234001)]
    [InlineData(99991672)]
    public async Task Business_errors_are_never_retried(int code)
    {
        // Ranged fallback off: 234037 would otherwise be followed by a (different) ranged request.
        using var feishu = new MockFeishu(o => { o.Retry.MaxRetryAttempts = 3; o.EnableRangedLargeDownloads = false; });
        MockedRequest files = Sequence(feishu, () => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(code)));

        var ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit));

        Assert.Equal(code, ex.Code);
        Assert.Equal(1, feishu.Http.GetMatchCount(files));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, 1)]
    [InlineData(HttpStatusCode.InternalServerError, 55001)]
    [InlineData(HttpStatusCode.GatewayTimeout, 99991000)]
    [InlineData(HttpStatusCode.BadGateway, -1)]
    public async Task A_5xx_whose_body_carries_an_unknown_code_is_transient_and_retried(HttpStatusCode status, int code)
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRetryAttempts = 2);
        MockedRequest files = Sequence(feishu, () => MockFeishu.Json(status, $$"""{"code":{{code}},"msg":"internal error"}"""));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit));

        Assert.Equal(code, ex.Code);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(3, feishu.Http.GetMatchCount(files));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, 234008)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 234037)]
    [InlineData(HttpStatusCode.InternalServerError, 99991672)]
    public async Task A_known_business_code_stays_unretried_whatever_the_5xx_status(HttpStatusCode status, int code)
    {
        using var feishu = new MockFeishu(o => { o.Retry.MaxRetryAttempts = 3; o.EnableRangedLargeDownloads = false; });
        MockedRequest files = Sequence(feishu, () => MockFeishu.Json(status, MockFeishu.ErrorBody(code)));

        var ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit));

        Assert.Equal(code, ex.Code);
        Assert.Equal(1, feishu.Http.GetMatchCount(files));
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("-3", null)]
    [InlineData("0.0000000001", null)]
    [InlineData("0.0001", null)]
    [InlineData(null, "1e-9")]
    [InlineData(null, "0")]
    [InlineData(null, "Sat, 21 Nov 2026 23:59:00 GMT")]
    public async Task A_rate_limit_wait_of_zero_backs_off_from_DefaultRateLimitDelay_instead_of_retrying_at_once(string? reset, string? retryAfter)
    {
        using var feishu = new MockFeishu(o => { o.Retry.MaxRateLimitRetryAttempts = 2; o.Retry.DefaultRateLimitDelay = TimeSpan.FromSeconds(10); });
        MockedRequest files = Sequence(feishu, () => TooManyRequests(reset, retryAfter));

        var ex = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), TimeSpan.FromSeconds(1), Limit));

        // Exponential backoff with jitter: two waits from a 10 s base take at least 13.7 s together.
        IReadOnlyList<TimeSpan> waits = LoggedDelays(feishu, "RetryingAfterRateLimit");
        Assert.Equal(2, waits.Count);
        Assert.True(waits.Sum(w => w.TotalSeconds) >= 13, string.Join(", ", waits));
        Assert.Equal(3, feishu.Http.GetMatchCount(files));
        Assert.Null(ex.RetryAfter);
    }

    [Fact]
    public async Task A_429_asking_longer_than_the_remaining_budget_throws_rate_limited_with_RetryAfter_at_once()
    {
        using var feishu = new MockFeishu(o => { o.Retry.MaxRateLimitRetryAttempts = 5; o.Timeouts.AttemptTimeout = o.Timeouts.TotalTimeout = TimeSpan.FromSeconds(3); });
        MockedRequest files = Sequence(feishu, () => TooManyRequests(reset: "30"));

        // No time passes: the answer must not depend on waiting out the budget.
        var ex = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("k").WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Equal(1, feishu.Http.GetMatchCount(files));
    }

    [Fact]
    public async Task A_429_whose_wait_fits_the_budget_is_still_waited_out()
    {
        using var feishu = new MockFeishu(o => { o.Retry.MaxRateLimitRetryAttempts = 1; o.Timeouts.AttemptTimeout = o.Timeouts.TotalTimeout = TimeSpan.FromSeconds(10); });
        MockedRequest files = Sequence(feishu, () => TooManyRequests(reset: "8"), () => MockFeishu.File(new byte[1]));

        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), Step, Limit)).Dispose();

        Assert.Equal(2, feishu.Http.GetMatchCount(files));
    }

    [Fact]
    public async Task One_long_429_holds_back_the_other_callers_of_its_quota_for_at_most_MaxQuotaPause()
    {
        using var feishu = new MockFeishu(o =>
        {
            o.RateLimit.Enabled = true;
            o.Retry.MaxRateLimitRetryAttempts = 5;
            o.Retry.MaxQuotaPause = TimeSpan.FromSeconds(1);
            o.Timeouts.AttemptTimeout = o.Timeouts.TotalTimeout = TimeSpan.FromSeconds(3);
        });
        MockedRequest files = Sequence(feishu, () => TooManyRequests(reset: "30"), () => MockFeishu.File(new byte[1]));
        var limited = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("first").WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(30), limited.RetryAfter);

        using FeishuDownload bystander = await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("second"), Step, TimeSpan.FromSeconds(2.5));

        Assert.Equal(2, feishu.Http.GetMatchCount(files));
    }

    [Fact]
    public async Task Backoff_grows_between_transient_retries()
    {
        using var feishu = new MockFeishu(o => { o.Retry.MaxRetryAttempts = 5; o.Retry.BaseDelay = TimeSpan.FromSeconds(10); o.Retry.MaxDelay = TimeSpan.FromMinutes(10); });
        MockedRequest files = Sequence(feishu, () => new HttpResponseMessage(HttpStatusCode.InternalServerError));

        await Assert.ThrowsAsync<FeishuApiException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("k"), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10)));

        // Compared by the waits the SDK chose, not by when the clock saw the attempts: with jitter any single
        // wait may be short (even the first), but exponential backoff makes the later ones longer in sum.
        IReadOnlyList<TimeSpan> waits = LoggedDelays(feishu, "RetryingTransientFailure");
        Assert.Equal(5, waits.Count);
        double firstTwo = waits.Take(2).Sum(w => w.TotalSeconds);
        double lastThree = waits.Skip(2).Sum(w => w.TotalSeconds);
        Assert.True(lastThree >= 2.5 * firstTwo, string.Join(", ", waits));
        Assert.Equal(6, feishu.Http.GetMatchCount(files));
    }

    /// <summary>The waits the SDK logged before each retry of the given kind, in order.</summary>
    private static IReadOnlyList<TimeSpan> LoggedDelays(MockFeishu feishu, string eventName)
        => feishu.Logs.Entries()
            .Where(e => e.Contains(" " + eventName + ":", StringComparison.Ordinal))
            .Select(e => System.Text.RegularExpressions.Regex.Match(e, @"DelayMilliseconds=([0-9.E+-]+)").Groups[1].Value)
            .Select(ms => TimeSpan.FromMilliseconds(double.Parse(ms, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
