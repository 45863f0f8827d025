using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Resilience;

/// <summary>How the quota holds callers back: the pause after a 429 (seen through a quota registered in DI), and a user limiter's refusals.</summary>
public sealed class QuotaPauseTests
{
    private const string FilesUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/*";

    [Fact]
    public async Task A_429_without_a_named_wait_pauses_the_quota_for_the_default_rate_limit_delay()
    {
        (MockFeishu feishu, RecordingQuota quota) = Limited(o => { o.Retry.DefaultRateLimitDelay = TimeSpan.FromSeconds(3); o.Retry.MaxQuotaPause = TimeSpan.FromSeconds(10); });
        using (feishu)
        {
            feishu.Http.When(FilesUrl).Respond(_ => TooManyRequests(reset: null));

            await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("k").WaitAsync(TimeSpan.FromSeconds(10)));

            (FeishuRateLimitPartition partition, TimeSpan pause) = Assert.Single(quota.Pauses);
            Assert.Equal(TimeSpan.FromSeconds(3), pause);
            Assert.Equal(new FeishuRateLimitPartition(MockFeishu.AppId, FeishuApi.Files), partition);
        }
    }

    [Fact]
    public async Task A_429_naming_a_wait_shorter_than_MaxQuotaPause_pauses_the_quota_for_that_wait()
    {
        (MockFeishu feishu, RecordingQuota quota) = Limited(o => { o.Retry.DefaultRateLimitDelay = TimeSpan.FromSeconds(3); o.Retry.MaxQuotaPause = TimeSpan.FromSeconds(10); });
        using (feishu)
        {
            feishu.Http.When(FilesUrl).Respond(_ => TooManyRequests(reset: "1.5"));

            await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("k").WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.Equal(TimeSpan.FromSeconds(1.5), Assert.Single(quota.Pauses).Pause);
        }
    }

    [Fact]
    public async Task A_429_naming_a_wait_longer_than_MaxQuotaPause_pauses_the_quota_for_MaxQuotaPause_only()
    {
        (MockFeishu feishu, RecordingQuota quota) = Limited(o => o.Retry.MaxQuotaPause = TimeSpan.FromSeconds(2));
        using (feishu)
        {
            feishu.Http.When(FilesUrl).Respond(_ => TooManyRequests(reset: "30"));

            var limited = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("k").WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(quota.Pauses).Pause);
            Assert.Equal(TimeSpan.FromSeconds(30), limited.RetryAfter);
        }
    }

    [Fact]
    public async Task A_refusal_other_than_429_never_pauses_the_quota()
    {
        (MockFeishu feishu, RecordingQuota quota) = Limited(_ => { });
        using (feishu)
        {
            feishu.Http.When(FilesUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234003, "file not in message")));

            await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("k").WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.Empty(quota.Pauses);
        }
    }

    [Fact]
    public async Task A_user_limiters_refusal_carries_the_wait_it_named_and_names_the_partition()
    {
        using var feishu = new MockFeishu(o =>
        {
            o.RateLimit.Enabled = true;
            o.RateLimit.LimiterFactory = _ => new FixedWindowRateLimiter(new() { PermitLimit = 1, Window = TimeSpan.FromSeconds(30), QueueLimit = 0, AutoReplenishment = false });
        });
        feishu.Http.When(FilesUrl).Respond(_ => MockFeishu.File(new byte[1]));
        (await feishu.Client.DownloadFileAsync("first")).Dispose();

        var refused = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("second"));

        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);
        Assert.Contains(MockFeishu.AppId + "/Files", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_limiters_refusal_without_a_wait_carries_no_RetryAfter()
    {
        using var feishu = new MockFeishu(o =>
        {
            o.RateLimit.Enabled = true;
            o.RateLimit.LimiterFactory = _ => new ConcurrencyLimiter(new() { PermitLimit = 1, QueueLimit = 0 });
        });
        var gate = new TaskCompletionSource();
        feishu.Http.When(FilesUrl).Respond(async () => { await gate.Task; return MockFeishu.File(new byte[1]); });
        Task<FeishuDownload> holding = feishu.Client.DownloadFileAsync("first");
        await FakeTimeDriver.EventuallyAsync(() => feishu.Downloads.Count == 1, "the first download holds the only permit");

        var refused = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("second"));

        gate.SetResult();
        (await holding).Dispose();
        Assert.Null(refused.RetryAfter);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_user_limiters_refusal_naming_no_positive_wait_carries_no_RetryAfter(int seconds)
    {
        using var feishu = new MockFeishu(o =>
        {
            o.RateLimit.Enabled = true;
            o.RateLimit.LimiterFactory = _ => new RefusingLimiter(TimeSpan.FromSeconds(seconds));
        });

        var refused = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("k"));

        Assert.Null(refused.RetryAfter);
        Assert.Empty(feishu.Downloads);
    }

    private static (MockFeishu Feishu, RecordingQuota Quota) Limited(Action<FeishuResourcesOptions> configure)
    {
        var time = new TestClock();
        var quota = new RecordingQuota(new FeishuQuota(time));
        var feishu = new MockFeishu(
            o =>
            {
                o.RateLimit.Enabled = true;
                o.Timeouts.AttemptTimeout = o.Timeouts.TotalTimeout = TimeSpan.FromSeconds(5);
                configure(o);
            },
            client: b => b.Services.AddSingleton<IFeishuQuota>(quota),
            time: time);
        return (feishu, quota);
    }

    private static HttpResponseMessage TooManyRequests(string? reset)
    {
        HttpResponseMessage response = MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400, "request trigger frequency limit"));
        if (reset is not null)
        {
            response.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", reset);
        }

        return response;
    }

    /// <summary>The container's quota, recording every pause it is asked for.</summary>
    private sealed class RecordingQuota(IFeishuQuota inner) : IFeishuQuota
    {
        public ConcurrentQueue<(FeishuRateLimitPartition Partition, TimeSpan Pause)> Pauses { get; } = new();

        public ValueTask<RateLimitLease> AcquireAsync(FeishuRateLimitPartition partition, FeishuRateLimitOptions limits, CancellationToken cancellationToken)
            => inner.AcquireAsync(partition, limits, cancellationToken);

        public void Pause(FeishuRateLimitPartition partition, TimeSpan duration)
        {
            Pauses.Enqueue((partition, duration));
            inner.Pause(partition, duration);
        }
    }

    /// <summary>A limiter that refuses every permit and names <paramref name="retryAfter"/> as the wait.</summary>
    private sealed class RefusingLimiter(TimeSpan retryAfter) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Refusal(retryAfter);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => new(new Refusal(retryAfter));

        private sealed class Refusal(TimeSpan retryAfter) : RateLimitLease
        {
            public override bool IsAcquired => false;

            public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
                return metadata is not null;
            }
        }
    }
}
