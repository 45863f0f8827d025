using System.Net;
using FeishuResources.Http;
using FeishuResources.RateLimiting;
using FeishuResources.Resilience;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

public sealed class RateLimitQuotaTests
{
    private const string FilesUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/*";
    private const string ResourcesUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages/*";

    private static void Limited(FeishuResourcesOptions options) => options.RateLimit.Enabled = true;

    /// <summary>How many callers wait on a partition's limiter with default limits, to wait on its queue instead of on the clock.</summary>
    private static int Queued(FeishuQuota quota, string appId = MockFeishu.AppId, FeishuApi api = FeishuApi.Files, FeishuRateLimitOptions? options = null)
        => (int)quota.GetOrCreate(new FeishuRateLimitPartition(appId, api), options ?? new FeishuRateLimitOptions()).GetStatistics()!.CurrentQueuedCount;

    private static FeishuQuota Quota(MockFeishu feishu) => (FeishuQuota)feishu.Services.GetRequiredService<IFeishuQuota>();

    private static Task<FeishuDownload> DownloadWithNewClient(MockFeishu feishu, string key)
        => feishu.Services.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync(key);

    [Fact]
    public async Task Transient_clients_and_separate_containers_given_one_quota_share_it()
    {
        var time = new TestClock();
        var quota = new FeishuQuota(time);
        using var first = new MockFeishu(Limited, time: time, client: b => b.Services.AddSingleton<IFeishuQuota>(quota));
        using var second = new MockFeishu(Limited, time: time, client: b => b.Services.AddSingleton<IFeishuQuota>(quota));
        MockedRequest firstFiles = first.Http.When(FilesUrl).Respond(_ => MockFeishu.File(new byte[1]));
        MockedRequest secondFiles = second.Http.When(FilesUrl).Respond(_ => MockFeishu.File(new byte[1]));

        var downloads = Enumerable.Range(0, 30).Select(i => DownloadWithNewClient(first, "a" + i))
            .Concat(Enumerable.Range(0, 30).Select(i => DownloadWithNewClient(second, "b" + i)))
            .ToList();

        await FakeTimeDriver.EventuallyAsync(() => Queued(quota) == 10, "10 callers wait for the shared quota");
        Assert.Equal(50, first.Http.GetMatchCount(firstFiles) + second.Http.GetMatchCount(secondFiles));
        // A place counts from its response's arrival: let all 50 arrive before the clock moves past their window.
        await FakeTimeDriver.EventuallyAsync(() => downloads.Count(d => d.IsCompleted) == 50, "the first 50 downloads have their responses");

        time.Advance(TimeSpan.FromSeconds(1.1));
        FeishuDownload[] all = await Task.WhenAll(downloads).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(60, all.Length);
    }

    [Fact]
    public async Task Separate_containers_of_one_app_have_their_own_quota_unless_given_one()
    {
        var time = new TestClock();
        using var first = new MockFeishu(o => { Limited(o); o.RateLimit.PermitsPerSecond = 1; }, time: time);
        using var second = new MockFeishu(o => { Limited(o); o.RateLimit.PermitsPerSecond = 1; }, time: time);
        first.Http.When(FilesUrl).Respond(_ => MockFeishu.File(new byte[1]));
        second.Http.When(FilesUrl).Respond(_ => MockFeishu.File(new byte[1]));

        // One permit a second and a clock that never moves: a quota shared through the process would hold the second.
        (await first.Client.DownloadFileAsync("a").WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        (await second.Client.DownloadFileAsync("b").WaitAsync(TimeSpan.FromSeconds(10))).Dispose();

        Assert.NotSame(Quota(first), Quota(second));
    }

    [Fact]
    public async Task A_quota_registered_by_the_app_replaces_the_built_in_one_for_every_attempt()
    {
        var quota = new CountingQuota();
        using var feishu = new MockFeishu(Limited, client: b => b.Services.AddSingleton<IFeishuQuota>(quota));
        feishu.Http.When(FilesUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.TooManyRequests, MockFeishu.ErrorBody(99991400, "too many")));

        await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("k"));

        Assert.True(quota.Acquired >= 1);
        Assert.Equal(quota.Acquired, quota.Paused);
    }

    [Fact]
    public async Task A_disabled_rate_limit_takes_no_permit_from_the_quota()
    {
        var quota = new CountingQuota();
        using var feishu = new MockFeishu(o => o.RateLimit.Enabled = false, client: b => b.Services.AddSingleton<IFeishuQuota>(quota));
        feishu.Http.When(FilesUrl).Respond(_ => MockFeishu.File(new byte[1]));

        (await feishu.Client.DownloadFileAsync("k").WaitAsync(TimeSpan.FromSeconds(10))).Dispose();

        Assert.Equal(0, quota.Acquired);
    }

    [Fact]
    public async Task Each_app_and_each_api_has_its_own_quota()
    {
        var time = new TestClock();
        using var appA = new MockFeishu(Limited, time: time);
        using var appB = new MockFeishu(o => { Limited(o); o.AppId = "cli_other_app"; }, time: time);
        appA.Http.When(FilesUrl).Respond(_ => MockFeishu.File(new byte[1]));
        appA.Http.When(ResourcesUrl).Respond(_ => MockFeishu.File(new byte[1]));
        appB.Http.When(FilesUrl).Respond(_ => MockFeishu.File(new byte[1]));

        var immediate = Enumerable.Range(0, 50).SelectMany(i => new[]
        {
            appA.Client.DownloadFileAsync("f" + i),
            appA.Client.DownloadMessageResourceAsync("om_1", "r" + i, FeishuResourceType.File),
            appB.Client.DownloadFileAsync("f" + i),
        }).ToList();
        await Task.WhenAll(immediate).WaitAsync(TimeSpan.FromSeconds(10));

        Task<FeishuDownload> overQuota = appA.Client.DownloadFileAsync("one-too-many");
        await FakeTimeDriver.EventuallyAsync(() => Queued(Quota(appA)) == 1, "the 51st file download of app A waits");
        Assert.False(overQuota.IsCompleted);
        Assert.Equal(0, Queued(Quota(appA), api: FeishuApi.MessageResources));
        Assert.Equal(0, Queued(Quota(appB), appId: "cli_other_app"));

        time.Advance(TimeSpan.FromSeconds(1.1));
        await overQuota.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_new_handler_chain_after_rotation_continues_the_same_quota()
    {
        var time = new TestClock();
        var options = Options.Create(new FeishuResourcesOptions { AppId = "cli_rotation" });
        var quota = new FeishuQuota(time);
        var network = new MockHttpMessageHandler();
        network.When("*").Respond(_ => MockFeishu.File(new byte[1]));
        using var oldChain = new HttpMessageInvoker(NewAttemptHandler(options.Value, quota, time, network));
        using var newChain = new HttpMessageInvoker(NewAttemptHandler(options.Value, quota, time, network));

        for (int i = 0; i < 50; i++)
        {
            using HttpResponseMessage sent = await oldChain.SendAsync(FeishuRequestFactory.CreateFileRequest(FeishuRequestFactory.ApiRoot(FeishuDomains.Feishu), "k" + i, null), CancellationToken.None);
        }

        Task<HttpResponseMessage> afterRotation = newChain.SendAsync(FeishuRequestFactory.CreateFileRequest(FeishuRequestFactory.ApiRoot(FeishuDomains.Feishu), "next", null), CancellationToken.None);
        await FakeTimeDriver.EventuallyAsync(() => Queued(quota, options.Value.AppId) == 1, "the new chain waits on the old chain's quota");
        Assert.False(afterRotation.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1.1));
        (await afterRotation.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    /// <summary>The handler that pays each attempt's permit, as IHttpClientFactory makes it anew at each rotation.</summary>
    private static AttemptHandler NewAttemptHandler(FeishuResourcesOptions options, FeishuQuota quota, TimeProvider time, HttpMessageHandler network)
        => new(new AttemptPipeline(options, quota, time, NullLogger<AttemptPipeline>.Instance), quota, NullLogger<AttemptHandler>.Instance) { InnerHandler = network };

    [Fact]
    public async Task A_token_replay_pays_for_its_own_permit()
    {
        using var feishu = new MockFeishu(o => { Limited(o); o.RateLimit.PermitsPerSecond = 1; o.RateLimit.SafetyMargin = TimeSpan.Zero; });
        int calls = 0;
        MockedRequest files = feishu.Http.When(FilesUrl).Respond(_ => Interlocked.Increment(ref calls) == 1
            ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(99991663, "token invalid"))
            : MockFeishu.File(new byte[1]));

        Task<FeishuDownload> download = feishu.Client.DownloadFileAsync("k");
        var onePerSecond = new FeishuRateLimitOptions { PermitsPerSecond = 1, SafetyMargin = TimeSpan.Zero };
        await FakeTimeDriver.EventuallyAsync(() => feishu.TokensIssued == 2 && Queued(Quota(feishu), options: onePerSecond) == 1, "the replay waits for a permit");
        Assert.Equal(1, feishu.Http.GetMatchCount(files));
        Assert.False(download.IsCompleted);

        feishu.Time.Advance(TimeSpan.FromSeconds(1));
        (await download.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Assert.Equal(2, feishu.Http.GetMatchCount(files));
    }

    [Fact]
    public async Task A_user_supplied_limiter_is_used_and_its_refusal_surfaces_as_rate_limited()
    {
        var partitions = new List<FeishuRateLimitPartition>();
        using var feishu = new MockFeishu(o =>
        {
            Limited(o);
            o.RateLimit.LimiterFactory = partition =>
            {
                partitions.Add(partition);
                return new System.Threading.RateLimiting.ConcurrencyLimiter(new() { PermitLimit = 1, QueueLimit = 0 });
            };
        });
        var gate = new TaskCompletionSource();
        feishu.Http.When(FilesUrl).Respond(async () => { await gate.Task; return MockFeishu.File(new byte[1]); });

        Task<FeishuDownload> holding = feishu.Client.DownloadFileAsync("first");
        await FakeTimeDriver.SettleAsync();
        var refused = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("second"));

        gate.SetResult();
        (await holding).Dispose();
        Assert.Equal(99991400, refused.Code);
        Assert.Equal(new FeishuRateLimitPartition(MockFeishu.AppId, FeishuApi.Files), Assert.Single(partitions));
    }

    private sealed class CountingQuota : IFeishuQuota
    {
        public int Acquired;
        public int Paused;

        public ValueTask<System.Threading.RateLimiting.RateLimitLease> AcquireAsync(FeishuRateLimitPartition partition, FeishuRateLimitOptions limits, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Acquired);
            return new System.Threading.RateLimiting.ConcurrencyLimiter(new() { PermitLimit = 1, QueueLimit = 0 }).AcquireAsync(1, cancellationToken);
        }

        public void Pause(FeishuRateLimitPartition partition, TimeSpan duration) => Interlocked.Increment(ref Paused);
    }
}
