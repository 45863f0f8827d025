using System.Net;
using FeishuResources.Errors;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Errors;

/// <summary>The first sentence of a refusal: who refused what, in words a user can act on.</summary>
public sealed class RefusalMessageTests
{
    [Fact]
    public async Task A_token_endpoint_that_refuses_the_credentials_is_reported_as_refusing_the_app()
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, """{"code":10014,"msg":"app secret invalid"}"""));

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.StartsWith("The token endpoint open-apis/auth/v3/tenant_access_token/internal refused the app: code 10014 (HTTP 200), \"app secret invalid\". Check ", ex.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limited_token_endpoint_is_reported_as_issuing_no_token_not_as_refusing_the_app()
    {
        using var feishu = new MockFeishu(tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => MockFeishu.Json((HttpStatusCode)429, """{"code":99991400,"msg":"too many"}"""));

        var ex = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.StartsWith("The token endpoint open-apis/auth/v3/tenant_access_token/internal issued no token: code 99991400 (HTTP 429), \"too many\". The request frequency limit", ex.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_side_limiter_refusal_names_the_limiter_the_partition_and_what_to_do()
    {
        FeishuRateLimitedException ex = FeishuExceptionFactory.CreateClientSideRejection("files of cli_app", TimeSpan.FromSeconds(2));

        Assert.Equal(
            "The request was not sent: code 99991400 (HTTP 429), \"client-side rate limiter refused a permit\". The rate limiter configured in FeishuRateLimitOptions.LimiterFactory refused a permit for files of cli_app; wait and retry.",
            ex.Message);
        Assert.Equal(ex.Message, ex.Summary);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
    }

    [Fact]
    public void A_resource_too_large_whose_ranges_failed_too_says_both_and_keeps_the_log_id_out_of_the_summary()
    {
        var tooLarge = (FeishuResourceTooLargeException)FeishuExceptionFactory.Create(
            new FeishuApiError(FeishuErrorCodes.ResourceTooLarge, HttpStatusCode.BadRequest, "file too large", "LOG234037"));
        var inner = new IOException("reset");

        FeishuResourceTooLargeException ex = FeishuExceptionFactory.CreateRangesRefused(tooLarge, "the server ignored the Range header", inner);

        Assert.Equal(tooLarge.Summary + " Downloading it in ranges failed: the server ignored the Range header.", ex.Summary);
        Assert.Equal(ex.Summary + " Log id: LOG234037.", ex.Message);
        Assert.Same(inner, ex.InnerException);
        Assert.Same(tooLarge.Error, ex.Error);
    }
}
