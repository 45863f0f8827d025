using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

/// <summary>What the permit of each attempt costs a caller beyond the wait itself: a log line, a thread, nothing at all.</summary>
public sealed class Mut8LimiterPermitTests
{
    private const string FilesUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/*";

    private static readonly FeishuRequestOptions AsUser = new() { AccessToken = "u-user-token" };

    private static MockFeishu OnePerSecond(Action<IHttpClientBuilder>? client = null)
    {
        var feishu = new MockFeishu(
            o =>
            {
                o.RateLimit.Enabled = true;
                o.RateLimit.PermitsPerSecond = 1;
                o.RateLimit.SafetyMargin = TimeSpan.Zero;
            },
            client: client);
        feishu.Http.When(FilesUrl).Respond(_ => MockFeishu.File([1]));
        return feishu;
    }

    /// <summary>Downloads once, then starts a second download that must wait a second for its permit.</summary>
    private static async Task<Task<FeishuDownload>> StartWaitingDownloadAsync(MockFeishu feishu, CountingSynchronizationContext? context = null)
    {
        (await feishu.Client.DownloadFileAsync("first", AsUser).WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Func<Task<FeishuDownload>> start = () => feishu.Client.DownloadFileAsync("second", AsUser);
        Task<FeishuDownload> second = context is null ? start() : context.Start(start);
        await FakeTimeDriver.EventuallyAsync(() => feishu.Time.HasTimerDueIn(TimeSpan.FromSeconds(1)), "the second download waits for its permit");
        Assert.False(second.IsCompleted);
        return second;
    }

    [Fact]
    public async Task A_download_that_waited_for_its_permit_logs_how_long()
    {
        using MockFeishu feishu = OnePerSecond();
        Task<FeishuDownload> second = await StartWaitingDownloadAsync(feishu);

        feishu.Time.Advance(TimeSpan.FromSeconds(1));
        using FeishuDownload download = await second.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains(
            "Waited 1000 ms for a rate-limit permit of app " + MockFeishu.AppId + " on the Files API.",
            feishu.Logs.GetSnapshot().Select(r => r.Message));
    }

    [Fact]
    public async Task A_download_that_waited_for_its_permit_does_not_continue_on_the_callers_synchronization_context()
    {
        using MockFeishu feishu = OnePerSecond();
        var context = new CountingSynchronizationContext();
        Task<FeishuDownload> second = await StartWaitingDownloadAsync(feishu, context);

        feishu.Time.Advance(TimeSpan.FromSeconds(1));
        using FeishuDownload download = await second.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task A_callers_own_request_through_the_sdk_http_client_pays_no_permit()
    {
        IHttpClientBuilder? builder = null;
        using MockFeishu feishu = OnePerSecond(b => builder = b);
        feishu.Http.When(MockFeishu.BaseUrl + "/open-apis/contact/v3/users/*").Respond(_ => MockFeishu.File([1]));
        HttpClient http = feishu.Services.GetRequiredService<IHttpClientFactory>().CreateClient(builder!.Name);

        // One permit a second and a clock that never moves: a second paid request would wait for ever.
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage response = await http.GetAsync(MockFeishu.BaseUrl + "/open-apis/contact/v3/users/ou_" + i).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(response.IsSuccessStatusCode);
        }

        Assert.Equal(0, ((FeishuQuota)feishu.Services.GetRequiredService<IFeishuQuota>()).PartitionCount);
    }
}
