using System.Net;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Diagnostics;

public sealed class SecretLeakTests
{
    private const string TokenPrefix = "t-issued-secret-";

    /// <summary>
    /// The scenario jumps the clock 120 s while the background early refresh may still be in flight; with the
    /// default 30 s attempt timeout that jump could time the refresh out (and the expired token's fetch that
    /// joins it) instead of letting it fail as scripted.
    /// </summary>
    private static void OutlastTheClockJumps(FeishuResourcesOptions options) => options.Timeouts.AttemptTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Neither_the_secret_nor_any_token_reaches_log_messages_or_exceptions()
    {
        using var feishu = new MockFeishu(OutlastTheClockJumps, tokenEndpoint: false);

        List<Exception> exceptions = await RunDownloadRefreshAndFailureAsync(feishu);

        string everything = feishu.Logs.MessageText() + "\n" + string.Join("\n", exceptions.Select(e => e.ToString()));
        Assert.DoesNotContain(MockFeishu.AppSecret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenPrefix, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_the_secret_nor_any_token_reaches_structured_log_state_when_http_logging_is_removed()
    {
        // IHttpClientFactory's default request logging redacts header values in the message but keeps them raw in
        // the event's state, which structured sinks store. The SDK's own events must be clean either way.
        using var feishu = new MockFeishu(OutlastTheClockJumps, tokenEndpoint: false, services: s => s.ConfigureHttpClientDefaults(b => b.RemoveAllLoggers()));

        await RunDownloadRefreshAndFailureAsync(feishu);

        Assert.DoesNotContain(MockFeishu.AppSecret, feishu.Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(TokenPrefix, feishu.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_the_secret_nor_any_token_reaches_structured_log_state()
    {
        using var feishu = new MockFeishu(OutlastTheClockJumps, tokenEndpoint: false);

        await RunDownloadRefreshAndFailureAsync(feishu);

        Assert.DoesNotContain(MockFeishu.AppSecret, feishu.Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(TokenPrefix, feishu.Logs.AllText(), StringComparison.Ordinal);
    }

    /// <summary>A download, a token rejection that refreshes and surfaces, a failed early refresh, then a token-endpoint failure.</summary>
    private static async Task<List<Exception>> RunDownloadRefreshAndFailureAsync(MockFeishu feishu)
    {
        int tokenCalls = 0;
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => Interlocked.Increment(ref tokenCalls) <= 2
            ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody(TokenPrefix + tokenCalls, 600))
            : MockFeishu.Json(HttpStatusCode.OK, """{"code":10014,"msg":"app secret invalid"}"""));
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/*").Respond(request =>
            request.RequestUri!.AbsolutePath.EndsWith("/denied", StringComparison.Ordinal)
                ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(99991663))
                : MockFeishu.File([1, 2, 3], "image/png", "attachment; filename=\"a.png\""));
        var exceptions = new List<Exception>();

        await using (FeishuDownload download = await feishu.Client.DownloadFileAsync("file_ok"))
        {
            await download.CopyToAsync(Stream.Null);
        }

        exceptions.Add(await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("denied")));
        feishu.Time.Advance(TimeSpan.FromSeconds(600 - 60));
        (await feishu.Client.DownloadFileAsync("file_ok")).Dispose();
        feishu.Time.Advance(TimeSpan.FromSeconds(120));
        exceptions.Add(await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("file_ok")));

        // The scenario really issued and used tokens and produced log events; otherwise the assertions prove nothing.
        // The early refresh (third call) fails in the background; the expired token's fetch may join it or follow it.
        Assert.InRange(tokenCalls, 3, 4);
        Assert.Contains("Bearer " + TokenPrefix + "1", feishu.Downloads.Select(r => r.Authorization));
        Assert.Contains("Bearer " + TokenPrefix + "2", feishu.Downloads.Select(r => r.Authorization));
        Assert.Contains("TokenFetched", feishu.Logs.MessageText(), StringComparison.Ordinal);
        Assert.Contains("TokenRejected", feishu.Logs.MessageText(), StringComparison.Ordinal);
        return exceptions;
    }
}
