using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>
/// What the token endpoint's failures become: only a refusal of the app's credentials is an
/// authentication failure; a rate limit, a failing gateway or a silent endpoint are what they are.
/// </summary>
public sealed class TokenEndpointReliabilityTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static HttpResponseMessage TokenRateLimited(string reset)
    {
        HttpResponseMessage response = MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400, "request trigger frequency limit"));
        response.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", reset);
        return response;
    }

    private static HttpResponseMessage HtmlBadGateway()
        => new(HttpStatusCode.BadGateway) { Content = new StringContent("<html><body>502 Bad Gateway</body></html>", System.Text.Encoding.UTF8, "text/html") };

    [Fact]
    public async Task A_429_from_the_token_endpoint_is_waited_out_then_surfaces_as_rate_limited_with_RetryAfter()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRateLimitRetryAttempts = 1, tokenEndpoint: false);
        MockedRequest token = feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => TokenRateLimited("2"));

        Task<FeishuDownload> download = feishu.Client.DownloadFileAsync("file_k");
        await FakeTimeDriver.EventuallyAsync(() => feishu.Time.HasTimerDueIn(TimeSpan.FromSeconds(2)), "the SDK waits the 2 s the token endpoint named");
        Assert.Equal(1, feishu.Http.GetMatchCount(token));

        var ex = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Time.RunAsync(download, Step, Limit));

        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        Assert.Equal(2, feishu.Http.GetMatchCount(token));
        Assert.DoesNotContain("AppSecret", ex.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Downloads);
    }

    [Fact]
    public async Task A_429_from_the_token_endpoint_that_clears_lets_the_download_through()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRateLimitRetryAttempts = 1, tokenEndpoint: false);
        int calls = 0;
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => Interlocked.Increment(ref calls) == 1
            ? TokenRateLimited("0.5")
            : MockFeishu.Json(HttpStatusCode.OK, MockFeishu.TokenBody("t-after-wait", 7200)));
        TokenCachingTests.RespondWithFile(feishu);

        (await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("file_k"), Step, Limit)).Dispose();

        Assert.Equal("Bearer t-after-wait", Assert.Single(feishu.Downloads).Authorization);
    }

    [Fact]
    public async Task An_html_502_from_the_token_endpoint_is_retried_then_reported_as_a_server_failure_not_as_wrong_credentials()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRetryAttempts = 2, tokenEndpoint: false);
        MockedRequest token = feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => HtmlBadGateway());

        var ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("file_k"), Step, Limit));

        Assert.IsNotType<FeishuAuthenticationException>(ex);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Equal(3, feishu.Http.GetMatchCount(token));
        Assert.DoesNotContain("AppSecret", ex.Message, StringComparison.Ordinal);
        Assert.Contains("retrying may help", ex.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Downloads);
    }

    [Theory]
    [InlineData(10014)]
    [InlineData(10003)]
    public async Task A_credentials_refusal_on_a_5xx_is_still_a_credentials_refusal_and_not_retried(int code)
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRetryAttempts = 2, tokenEndpoint: false);
        MockedRequest token = feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl)
            .Respond(_ => MockFeishu.Json(HttpStatusCode.InternalServerError, $$"""{"code":{{code}},"msg":"refused"}"""));

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("file_k"), Step, Limit));

        Assert.Equal(code, ex.Code);
        Assert.Contains("AppSecret", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, feishu.Http.GetMatchCount(token));
    }

    [Fact]
    public async Task A_silent_token_endpoint_times_out_as_TimeoutException_after_AttemptTimeout_and_is_retried()
    {
        (MockFeishu feishu, SilentTokenEndpoint endpoint) = WithSilentTokenEndpoint(o =>
        {
            o.Retry.MaxRetryAttempts = 1;
            o.Timeouts.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.Timeouts.TotalTimeout = TimeSpan.FromMinutes(1);
        });
        using var _ = feishu;

        Task<FeishuDownload> download = feishu.Client.DownloadFileAsync("file_k");
        await FakeTimeDriver.EventuallyAsync(() => endpoint.Calls == 1, "the token was requested");
        feishu.Time.Advance(TimeSpan.FromSeconds(4.9));
        await FakeTimeDriver.SettleAsync();
        Assert.False(download.IsCompleted);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => feishu.Time.RunAsync(download, Step, Limit));

        Assert.Contains("AttemptTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("token", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, endpoint.Calls);
    }

    [Fact]
    public async Task A_caller_who_cancels_while_the_token_endpoint_is_silent_gets_OperationCanceledException()
    {
        (MockFeishu feishu, SilentTokenEndpoint endpoint) = WithSilentTokenEndpoint(o => o.Retry.MaxRetryAttempts = 3);
        using var _ = feishu;
        using var cancel = new CancellationTokenSource();

        Task<FeishuDownload> download = feishu.Client.DownloadFileAsync("file_k", cancel.Token);
        await FakeTimeDriver.EventuallyAsync(() => endpoint.Calls == 1, "the token was requested");
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, endpoint.Calls);
    }

    [Fact]
    public async Task A_huge_expire_is_clamped_to_the_longest_documented_token_life()
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        int calls = 0;
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ =>
            MockFeishu.Json(HttpStatusCode.OK, $$"""{"code":0,"msg":"ok","tenant_access_token":"t-huge-{{Interlocked.Increment(ref calls)}}","expire":300000000000}"""));
        TokenCachingTests.RespondWithFile(feishu);

        await TokenCachingTests.DownloadAsync(feishu, "first");
        await TokenCachingTests.DownloadAsync(feishu, "second");
        feishu.Time.Advance(TimeSpan.FromHours(2));
        await TokenCachingTests.DownloadAsync(feishu, "after-two-hours");

        Assert.Equal(["Bearer t-huge-1", "Bearer t-huge-1", "Bearer t-huge-2"], feishu.Downloads.Select(r => r.Authorization));
    }

    private static (MockFeishu Feishu, SilentTokenEndpoint Endpoint) WithSilentTokenEndpoint(Action<FeishuResourcesOptions> configure)
    {
        SilentTokenEndpoint? endpoint = null;
        var feishu = new MockFeishu(configure, services => services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => endpoint!)), tokenEndpoint: false);
        endpoint = new SilentTokenEndpoint(feishu.Http);
        return (feishu, endpoint);
    }

    /// <summary>A token endpoint that accepts the request and never answers until the request is cancelled.</summary>
    private sealed class SilentTokenEndpoint(HttpMessageHandler fallback) : DelegatingHandler(fallback)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.Contains("/auth/", StringComparison.Ordinal))
            {
                return base.SendAsync(request, cancellationToken);
            }

            Interlocked.Increment(ref _calls);
            return ScriptedHandler.StallAsync(cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            // The MockHttp handler is shared by every client and outlives each pipeline.
        }
    }
}
