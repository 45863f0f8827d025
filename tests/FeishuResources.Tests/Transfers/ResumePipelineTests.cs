using System.Net;
using System.Threading.RateLimiting;
using FeishuResources.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>A resume is an ordinary request: it pays its rate-limit permit and goes through token handling.</summary>
public sealed class ResumePipelineTests
{
    private const long Size = 300_000;

    [Fact]
    public async Task A_resume_waits_for_its_permit_and_recovers_from_a_rejected_token_with_a_fresh_one()
    {
        using var feishu = new MockFeishu(o =>
        {
            o.RateLimit.Enabled = true;
            o.RateLimit.PermitsPerSecond = 1;
            o.RateLimit.SafetyMargin = TimeSpan.Zero;
            o.ParallelChunks = 1;
        });
        var server = new FakeResourceServer(feishu, Size)
        {
            DropAfter = index => index == 0 ? 100_000 : null,
            Intercept = index => index == 1 ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(99991663, "token invalid")) : null,
        };
        RateLimiter limiter = ((FeishuQuota)feishu.Services.GetRequiredService<IFeishuQuota>()).GetOrCreate(
            new FeishuRateLimitPartition(MockFeishu.AppId, FeishuApi.Files),
            new FeishuRateLimitOptions { PermitsPerSecond = 1, SafetyMargin = TimeSpan.Zero });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var sink = new HashingSink();
        Task copy = download.CopyToAsync(sink);

        // The resume queues behind the first request's place in the one-second window.
        await FakeTimeDriver.EventuallyAsync(() => limiter.GetStatistics()!.CurrentQueuedCount == 1, "the resume waits for a permit");
        Assert.Single(server.Ranges);
        feishu.Time.Advance(TimeSpan.FromSeconds(1));

        // Its token is rejected; the replay with a fresh token needs a permit of its own.
        await FakeTimeDriver.EventuallyAsync(() => feishu.TokensIssued == 2 && limiter.GetStatistics()!.CurrentQueuedCount == 1, "the replay waits for a permit");
        Assert.Equal(2, server.Ranges.Count);
        feishu.Time.Advance(TimeSpan.FromSeconds(1));

        await copy.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(PatternStream.Sha256(Size), sink.Hash());
        Assert.Equal(new[] { null, "bytes=100000-", "bytes=100000-" }, server.Ranges);
        Assert.Equal(new[] { "Bearer t-token-1", "Bearer t-token-1", "Bearer t-token-2" }, server.Authorizations);
    }
}
