using System.Net;
using FeishuResources.Http;
using FeishuResources.RateLimiting;
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

    /// <summary>The process-wide limiter a client with default limits uses, to wait on its queue instead of on the clock.</summary>
    private static int Queued(FakeTimeProvider time, string appId = MockFeishu.AppId, FeishuApi api = FeishuApi.Files, FeishuRateLimitOptions? options = null)
        => (int)RateLimiterRegistry.GetOrCreate(new FeishuRateLimitPartition(appId, api), options ?? new FeishuRateLimitOptions(), time).GetStatistics()!.CurrentQueuedCount;

    private static Task<FeishuDownload> DownloadWithNewClient(MockFeishu feishu, string key)
        => feishu.Services.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync(key);

    [Fact]
    public async Task Transient_clients_and_separate_containers_of_one_app_share_one_quota()
    {
        var time = new FakeTimeProvider();
        using var first = new MockFeishu(Limited, time: time);
        using var second = new MockFeishu(Limited, time: time);
        MockedRequest firstFiles = first.Http.When(FilesUrl).Respond(_ => MockFeishu.File(new byte[1]));
        MockedRequest secondFiles = second.Http.When(FilesUrl).Respond(_ => MockFeishu.File(new byte[1]));

        var downloads = Enumerable.Range(0, 30).Select(i => DownloadWithNewClient(first, "a" + i))
            .Concat(Enumerable.Range(0, 30).Select(i => DownloadWithNewClient(second, "b" + i)))
            .ToList();

        await FakeTimeDriver.EventuallyAsync(() => Queued(time) == 10, "10 callers wait for the shared quota");
        Assert.Equal(50, first.Http.GetMatchCount(firstFiles) + second.Http.GetMatchCount(secondFiles));
        // A place counts from its response's arrival: let all 50 arrive before the clock moves past their window.
        await FakeTimeDriver.EventuallyAsync(() => downloads.Count(d => d.IsCompleted) == 50, "the first 50 downloads have their responses");

        time.Advance(TimeSpan.FromSeconds(1.1));
        FeishuDownload[] all = await Task.WhenAll(downloads).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(60, all.Length);
    }

    [Fact]
    public async Task Each_app_and_each_api_has_its_own_quota()
    {
        var time = new FakeTimeProvider();
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
        await FakeTimeDriver.EventuallyAsync(() => Queued(time) == 1, "the 51st file download of app A waits");
        Assert.False(overQuota.IsCompleted);
        Assert.Equal(0, Queued(time, api: FeishuApi.MessageResources));
        Assert.Equal(0, Queued(time, appId: "cli_other_app"));

        time.Advance(TimeSpan.FromSeconds(1.1));
        await overQuota.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_new_handler_chain_after_rotation_continues_the_same_quota()
    {
        var time = new FakeTimeProvider();
        var options = Options.Create(new FeishuResourcesOptions { AppId = "cli_rotation_" + Guid.NewGuid().ToString("N") });
        var network = new MockHttpMessageHandler();
        network.When("*").Respond(_ => MockFeishu.File(new byte[1]));
        using var oldChain = new HttpMessageInvoker(new RateLimitingHandler(options.Value, time, NullLogger<RateLimitingHandler>.Instance) { InnerHandler = network });
        using var newChain = new HttpMessageInvoker(new RateLimitingHandler(options.Value, time, NullLogger<RateLimitingHandler>.Instance) { InnerHandler = network });

        for (int i = 0; i < 50; i++)
        {
            using HttpResponseMessage sent = await oldChain.SendAsync(FeishuRequestFactory.CreateFileRequest(FeishuRequestFactory.ApiRoot(FeishuDomains.Feishu), "k" + i, null), CancellationToken.None);
        }

        Task<HttpResponseMessage> afterRotation = newChain.SendAsync(FeishuRequestFactory.CreateFileRequest(FeishuRequestFactory.ApiRoot(FeishuDomains.Feishu), "next", null), CancellationToken.None);
        await FakeTimeDriver.EventuallyAsync(() => Queued(time, options.Value.AppId) == 1, "the new chain waits on the old chain's quota");
        Assert.False(afterRotation.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1.1));
        (await afterRotation.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

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
        await FakeTimeDriver.EventuallyAsync(() => feishu.TokensIssued == 2 && Queued(feishu.Time, options: onePerSecond) == 1, "the replay waits for a permit");
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
}
