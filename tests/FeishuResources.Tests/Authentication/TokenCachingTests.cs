using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

public sealed class TokenCachingTests
{
    private const string FileUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/*";

    [Fact]
    public async Task One_token_request_serves_many_downloads()
    {
        using var feishu = new MockFeishu();
        RespondWithFile(feishu);

        for (int i = 0; i < 10; i++)
        {
            await DownloadAsync(feishu, "file_" + i);
        }

        Assert.Equal(1, feishu.TokensIssued);
        Assert.All(feishu.Downloads, r => Assert.Equal("Bearer t-token-1", r.Authorization));
    }

    [Theory]
    [InlineData(7200, 300)]
    [InlineData(7140, 300)]
    [InlineData(3600, 300)]
    [InlineData(400, 200)]
    [InlineData(60, 30)]
    public async Task Token_is_refreshed_its_margin_before_the_announced_expiry(int expireSeconds, int effectiveMarginSeconds)
    {
        using var feishu = new MockFeishu();
        feishu.TokenLifetimeSeconds = expireSeconds;
        RespondWithFile(feishu);
        await DownloadAsync(feishu, "first");

        feishu.Time.Advance(TimeSpan.FromSeconds(expireSeconds - effectiveMarginSeconds - 1));
        await DownloadAsync(feishu, "just-before");
        Assert.Equal(1, feishu.TokensIssued);

        feishu.Time.Advance(TimeSpan.FromSeconds(2));
        await DownloadAsync(feishu, "just-after");
        Assert.Equal("Bearer t-token-1", feishu.Downloads[^1].Authorization);

        await DownloadUntilTokenAsync(feishu, "Bearer t-token-2");
        Assert.Equal(2, feishu.TokensIssued);
    }

    [Fact]
    public async Task An_early_refresh_never_makes_a_download_wait_for_the_token_endpoint()
    {
        using var feishu = new MockFeishu();
        RespondWithFile(feishu);
        await DownloadAsync(feishu, "first");
        feishu.TokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        feishu.Time.Advance(TimeSpan.FromSeconds(7200 - 60));
        await DownloadAsync(feishu, "while-refreshing").WaitAsync(TimeSpan.FromSeconds(10));
        await DownloadAsync(feishu, "still-refreshing").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(feishu.Downloads, d => Assert.Equal("Bearer t-token-1", d.Authorization));
        await FakeTimeDriver.EventuallyAsync(() => feishu.SentTo(MockFeishu.TokenPath).Count == 2, "one background refresh was sent");
        await DownloadAsync(feishu, "refresh-pending").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, feishu.SentTo(MockFeishu.TokenPath).Count);
        feishu.TokenGate.SetResult();
        await DownloadUntilTokenAsync(feishu, "Bearer t-token-2");
    }

    /// <summary>The background refresh lands a moment after its answer: download until the new token is used.</summary>
    private static async Task DownloadUntilTokenAsync(MockFeishu feishu, string authorization)
    {
        for (int i = 0; i < 200 && feishu.Downloads[^1].Authorization != authorization; i++)
        {
            await Task.Delay(10);
            await DownloadAsync(feishu, "after-refresh-" + i);
        }

        Assert.Equal(authorization, feishu.Downloads[^1].Authorization);
    }

    [Fact]
    public async Task Configured_refresh_margin_is_honoured()
    {
        using var feishu = new MockFeishu(o => o.TokenRefreshMargin = TimeSpan.FromMinutes(20));
        RespondWithFile(feishu);
        await DownloadAsync(feishu, "first");

        feishu.Time.Advance(TimeSpan.FromSeconds(7200 - 1200 - 1));
        await DownloadAsync(feishu, "before");
        Assert.Equal(1, feishu.TokensIssued);

        feishu.Time.Advance(TimeSpan.FromSeconds(2));
        await DownloadAsync(feishu, "after");
        await DownloadUntilTokenAsync(feishu, "Bearer t-token-2");
        Assert.Equal(2, feishu.TokensIssued);
    }

    [Fact]
    public async Task An_expired_token_is_never_sent()
    {
        using var feishu = new MockFeishu();
        feishu.TokenLifetimeSeconds = 1000;
        RespondWithFile(feishu);
        await DownloadAsync(feishu, "first");

        feishu.Time.Advance(TimeSpan.FromSeconds(5000));
        await DownloadAsync(feishu, "later");

        Assert.Equal(["Bearer t-token-1", "Bearer t-token-2"], feishu.Downloads.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Fifty_concurrent_cold_calls_share_one_token_request()
    {
        using var feishu = new MockFeishu();
        feishu.TokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        RespondWithFile(feishu);
        IFeishuResourceClient client = feishu.Client;

        // Each call runs synchronously until it waits for a token, so all 50 are waiting before the gate opens.
        Task<FeishuDownload>[] calls = Enumerable.Range(0, 50).Select(i => client.DownloadFileAsync("file_" + i)).ToArray();
        await feishu.TokenRequested.Task;
        Assert.All(calls, c => Assert.False(c.IsCompleted));
        feishu.TokenGate.SetResult();
        FeishuDownload[] downloads = await Task.WhenAll(calls);

        Assert.Equal(1, feishu.TokensIssued);
        Assert.Single(feishu.SentTo("/auth/"));
        Assert.Equal(50, feishu.Downloads.Count);
        Assert.All(feishu.Downloads, r => Assert.Equal("Bearer t-token-1", r.Authorization));
        foreach (FeishuDownload download in downloads)
        {
            download.Dispose();
        }
    }

    [Fact]
    public async Task Concurrent_rejections_of_one_token_share_one_refresh()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(request => request.Headers.Authorization?.Parameter == "t-token-1"
            ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(99991663))
            : MockFeishu.File([7]));
        IFeishuResourceClient client = feishu.Client;

        FeishuDownload[] downloads = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => client.DownloadFileAsync("file_" + i))));

        Assert.Equal(2, feishu.TokensIssued);
        Assert.Equal(20, feishu.Downloads.Count(r => r.Authorization == "Bearer t-token-2"));
        foreach (FeishuDownload download in downloads)
        {
            download.Dispose();
        }
    }

    [Fact]
    public async Task Authorization_is_sent_on_downloads_but_never_on_the_token_request()
    {
        using var feishu = new MockFeishu();
        RespondWithFile(feishu);

        await DownloadAsync(feishu, "file_1");

        SentRequest token = Assert.Single(feishu.SentTo("/auth/"));
        Assert.Null(token.Authorization);
        Assert.Equal(HttpMethod.Post, token.Method);
        Assert.Equal("""{"app_id":"cli_test_app","app_secret":"s3cr3t-app-secret-value"}""", token.BodyText);
        Assert.StartsWith("application/json", token.ContentType, StringComparison.Ordinal);
        Assert.Equal("Bearer t-token-1", Assert.Single(feishu.Downloads).Authorization);
    }

    internal static void RespondWithFile(MockFeishu feishu)
        => feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.File([1, 2, 3]));

    internal static async Task DownloadAsync(MockFeishu feishu, string key)
    {
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(key);
        await download.CopyToAsync(Stream.Null);
    }
}
