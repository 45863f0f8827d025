using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

public sealed class TokenEndpointFailureTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK, 10014)]
    [InlineData(HttpStatusCode.OK, 10003)]
    [InlineData(HttpStatusCode.BadRequest, 10014)]
    [InlineData(HttpStatusCode.Unauthorized, 0)]
    public async Task A_refusal_from_the_token_endpoint_is_an_authentication_failure_and_sends_no_download(HttpStatusCode status, int code)
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => code == 0
            ? new HttpResponseMessage(status) { Content = new StringContent("no entry") }
            : MockFeishu.Json(status, $$"""{"code":{{code}},"msg":"app secret invalid"}""", "TOKENLOGID"));

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.Equal(code, ex.Code);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains("AppSecret", ex.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Downloads);
    }

    [Fact]
    public async Task A_refusal_envelope_without_a_msg_is_not_given_the_http_reason_phrase_as_the_platforms_message()
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, """{"code":10003}""", "TOKENLOGID"));

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.Equal(10003, ex.Code);
        Assert.Null(ex.Error.Message);
        Assert.Equal("TOKENLOGID", ex.LogId);
        Assert.DoesNotContain("Bad Request", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_body_that_is_no_envelope_is_described_by_the_http_reason_phrase()
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("gateway exploded") });

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.Equal("Bad Gateway", ex.Error.Message);
        Assert.Equal("gateway exploded", ex.Error.ResponseBody);
    }

    [Fact]
    public async Task A_failure_is_not_cached_so_the_next_call_asks_again()
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        int calls = 0;
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => Interlocked.Increment(ref calls) == 1
            ? MockFeishu.Json(HttpStatusCode.OK, """{"code":10014,"msg":"app secret invalid"}""")
            : MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-second", 7200)));
        TokenCachingTests.RespondWithFile(feishu);

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("file_k"));
        Assert.Equal(10014, ex.Code);
        await TokenCachingTests.DownloadAsync(feishu, "file_k");

        Assert.Equal(2, calls);
        Assert.Equal("Bearer t-second", Assert.Single(feishu.Downloads).Authorization);
    }

    [Fact]
    public async Task An_answer_without_a_token_is_an_authentication_failure()
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, """{"code":0,"msg":"ok","expire":7200}"""));

        await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.Empty(feishu.Downloads);
    }

    [Fact]
    public async Task A_failed_early_refresh_keeps_serving_the_still_valid_token()
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        int calls = 0;
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => Interlocked.Increment(ref calls) == 1
            ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-first", 7200))
            : MockFeishu.Json(HttpStatusCode.InternalServerError, """{"code":500,"msg":"busy"}"""));
        TokenCachingTests.RespondWithFile(feishu);
        await TokenCachingTests.DownloadAsync(feishu, "a");

        feishu.Time.Advance(TimeSpan.FromSeconds(7200 - 60));
        await TokenCachingTests.DownloadAsync(feishu, "b");

        // The early refresh runs in the background: wait for its (failing) call, then download again.
        await FakeTimeDriver.EventuallyAsync(() => Volatile.Read(ref calls) == 2, "the early refresh was attempted");
        await TokenCachingTests.DownloadAsync(feishu, "c");

        Assert.Equal(["Bearer t-first", "Bearer t-first", "Bearer t-first"], feishu.Downloads.Select(r => r.Authorization));
        Assert.Equal(2, calls); // a failed early refresh is not retried at once

    }
}
