using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Resilience;

public sealed class ResilienceLoggingTests
{
    [Fact]
    public async Task Trace_logs_of_a_download_a_429_wait_and_a_token_refresh_contain_neither_secret_nor_token()
    {
        using var feishu = new MockFeishu(o => { o.RateLimit.Enabled = true; o.Retry.MaxRateLimitRetryAttempts = 1; });
        int call = 0;
        feishu.Http.When(MockFeishu.BaseUrl + "/open-apis/im/v1/files/*").Respond(_ => Interlocked.Increment(ref call) switch
        {
            1 => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(99991663, "token invalid")),
            2 => WithReset(MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400, "request trigger frequency limit"))),
            _ => MockFeishu.File(new byte[] { 1, 2, 3 }),
        });

        using FeishuDownload download = await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("file_k"), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));

        string logs = feishu.Logs.AllText();
        Assert.Contains("TokenRejected", logs);
        Assert.Contains("ServerRateLimited", logs);
        Assert.Contains("RetryingAfterRateLimit", logs);
        Assert.DoesNotContain(MockFeishu.AppSecret, logs);
        Assert.DoesNotContain("t-token-", logs);
        Assert.Equal(2, feishu.TokensIssued);
    }

    private static HttpResponseMessage WithReset(HttpResponseMessage response)
    {
        response.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", "0.5");
        return response;
    }
}
