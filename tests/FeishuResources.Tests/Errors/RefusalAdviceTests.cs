using System.Net;
using FeishuResources.Errors;
using Xunit;

namespace FeishuResources.Tests.Errors;

/// <summary>What a refusal tells its user to do, code by code and status by status.</summary>
public sealed class RefusalAdviceTests
{
    public static TheoryData<int> KnownCodes()
    {
        var codes = new TheoryData<int> { 10003, 10014 };
        foreach (int code in typeof(FeishuErrorCodes).GetFields().Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!))
        {
            codes.Add(code);
        }

        return codes;
    }

    [Theory]
    [MemberData(nameof(KnownCodes))]
    public void Every_known_code_says_what_to_do_after_what_happened(int code)
    {
        FeishuApiException ex = FeishuExceptionFactory.Create(new FeishuApiError(code, HttpStatusCode.BadRequest, "platform says no"));

        string happened = $"Feishu refused the request: code {code} (HTTP 400), \"platform says no\". ";
        Assert.StartsWith(happened, ex.Summary, StringComparison.Ordinal);
        string advice = ex.Summary.Substring(happened.Length);
        Assert.True(advice.Length > 20 && advice.EndsWith('.'), $"code {code} gives no advice: '{advice}'");
    }

    [Theory]
    [InlineData(401, typeof(FeishuAuthenticationException), "401 Unauthorized")]
    [InlineData(403, typeof(FeishuPermissionDeniedException), "403 Forbidden")]
    [InlineData(404, typeof(FeishuResourceNotFoundException), "check the ids and the base address")]
    [InlineData(413, typeof(FeishuResourceTooLargeException), "413 Payload Too Large")]
    [InlineData(429, typeof(FeishuRateLimitedException), "429 Too Many Requests; wait and retry")]
    [InlineData(300, typeof(FeishuApiException), "redirect")]
    [InlineData(302, typeof(FeishuApiException), "redirect")]
    [InlineData(399, typeof(FeishuApiException), "redirect")]
    [InlineData(408, typeof(FeishuApiException), "retrying may help")]
    [InlineData(500, typeof(FeishuApiException), "retrying may help")]
    [InlineData(503, typeof(FeishuApiException), "retrying may help")]
    public void A_refusal_without_a_code_is_explained_by_its_status(int status, Type type, string advice)
    {
        FeishuApiException ex = FeishuExceptionFactory.Create(new FeishuApiError(0, (HttpStatusCode)status));

        Assert.Equal(type, ex.GetType());
        Assert.Contains(advice, ex.Summary, StringComparison.Ordinal);
        Assert.StartsWith($"Feishu refused the request: HTTP {status}.", ex.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(299)]
    [InlineData(400)]
    [InlineData(407)]
    [InlineData(499)]
    public void A_refusal_without_a_code_on_any_other_status_only_says_what_happened(int status)
    {
        FeishuApiException ex = FeishuExceptionFactory.Create(new FeishuApiError(0, (HttpStatusCode)status));

        Assert.Equal(typeof(FeishuApiException), ex.GetType());
        Assert.Equal($"Feishu refused the request: HTTP {status}.", ex.Summary);
    }

    [Theory]
    [InlineData(0, 408, true)]
    [InlineData(0, 500, true)]
    [InlineData(0, 599, true)]
    [InlineData(0, 499, false)]
    [InlineData(0, 409, false)]
    [InlineData(0, 400, false)]
    [InlineData(1234567, 500, true)]
    [InlineData(1234567, 408, true)]
    [InlineData(1234567, 499, false)]
    [InlineData(1234567, 200, false)]
    [InlineData(FeishuErrorCodes.NoPermission, 500, false)]
    [InlineData(FeishuErrorCodes.TenantCheckFailed, 400, true)]
    public void Only_a_failing_server_or_the_platforms_transient_check_is_worth_retrying(int code, int status, bool transient)
    {
        Assert.Equal(transient, ErrorCodeTable.Describe(code, (HttpStatusCode)status).IsTransient);
    }

    [Fact]
    public void An_unknown_code_on_a_failing_server_says_retrying_may_help_and_elsewhere_gives_no_advice()
    {
        FeishuApiException onServerFailure = FeishuExceptionFactory.Create(new FeishuApiError(1234567, HttpStatusCode.BadGateway));
        FeishuApiException onBadRequest = FeishuExceptionFactory.Create(new FeishuApiError(1234567, HttpStatusCode.BadRequest));

        Assert.Equal("Feishu refused the request: code 1234567 (HTTP 502). The platform or a gateway failed; retrying may help.", onServerFailure.Summary);
        Assert.Equal("Feishu refused the request: code 1234567 (HTTP 400).", onBadRequest.Summary);
    }
}
