using System.Net;
using FeishuResources.Errors;
using Xunit;

namespace FeishuResources.Tests.Errors;

public sealed class FeishuExceptionFactoryTests
{
    [Fact]
    public void Every_documented_code_has_a_specific_exception_type_except_the_transient_tenant_check()
    {
        int[] documented = typeof(FeishuErrorCodes).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (int)f.GetRawConstantValue()!)
            .Where(code => code is not FeishuErrorCodes.TenantCheckFailed and not FeishuErrorCodes.AppTicketInvalid)
            .ToArray();

        Assert.NotEmpty(documented);
        foreach (int code in documented)
        {
            FeishuApiException ex = FeishuExceptionFactory.Create(new FeishuApiError(code, HttpStatusCode.BadRequest));
            Assert.True(ex.GetType() != typeof(FeishuApiException), $"code {code} maps to the base exception type");
        }
    }

    [Fact]
    public void Rate_limit_exception_keeps_the_retry_after()
    {
        var ex = Assert.IsType<FeishuRateLimitedException>(
            FeishuExceptionFactory.Create(new FeishuApiError(FeishuErrorCodes.RateLimited, HttpStatusCode.TooManyRequests), TimeSpan.FromSeconds(3)));

        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
    }

    [Fact]
    public void Message_names_code_status_platform_message_log_id_and_troubleshooter()
    {
        var error = new FeishuApiError(234037, HttpStatusCode.BadRequest, "file too large", "LOG123", "https://open.feishu.cn/search?q=234037");

        FeishuApiException ex = FeishuExceptionFactory.Create(error, context: "Feishu refused the download of 'file_x'");

        Assert.StartsWith("Feishu refused the download of 'file_x': code 234037 (HTTP 400), \"file too large\".", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Log id: LOG123.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Troubleshooter: https://open.feishu.cn/search?q=234037", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_is_the_message_without_the_log_id_and_troubleshooter_link()
    {
        var error = new FeishuApiError(234037, HttpStatusCode.BadRequest, "file too large", "LOG123", "https://open.feishu.cn/search?q=234037");

        FeishuApiException ex = FeishuExceptionFactory.Create(error, context: "Feishu refused the download of 'file_x'");

        Assert.StartsWith(ex.Summary, ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("download it in ranges.", ex.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("LOG123", ex.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Log id", ex.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Troubleshooter", ex.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", ex.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_is_the_whole_message_when_the_platform_sent_no_log_id_or_troubleshooter()
    {
        FeishuApiException ex = FeishuExceptionFactory.Create(new FeishuApiError(FeishuErrorCodes.MessageDeleted, HttpStatusCode.BadRequest, "deleted"));

        Assert.Equal(ex.Message, ex.Summary);
    }

    [Fact]
    public void Token_refusals_and_client_side_rejections_have_a_summary_without_the_log_id()
    {
        var error = new FeishuApiError(10014, HttpStatusCode.OK, "app secret invalid", "LOG456", "https://open.feishu.cn/search?q=10014");

        FeishuApiException refusal = FeishuExceptionFactory.CreateTokenRefusal(error, "tenant_access_token/internal", "Check the app secret.");
        FeishuApiException rejection = FeishuExceptionFactory.CreateClientSideRejection("files", retryAfter: null);

        Assert.Equal("The token endpoint tenant_access_token/internal refused the app: code 10014 (HTTP 200), \"app secret invalid\". Check the app secret.", refusal.Summary);
        Assert.Contains("Log id: LOG456.", refusal.Message, StringComparison.Ordinal);
        Assert.StartsWith("The request was not sent: code 99991400 (HTTP 429)", rejection.Summary, StringComparison.Ordinal);
        Assert.Equal(rejection.Message, rejection.Summary);
    }

    [Fact]
    public void An_exception_created_through_the_constructor_has_its_message_as_summary()
    {
        var ex = new FeishuPermissionDeniedException("No access.", new FeishuApiError(230002, HttpStatusCode.BadRequest, logId: "LOG789"));

        Assert.Equal("No access.", ex.Summary);
    }

    [Fact]
    public void Transient_tenant_check_failure_is_marked_retryable_and_token_codes_refresh()
    {
        Assert.True(ErrorCodeTable.Describe(FeishuErrorCodes.TenantCheckFailed, HttpStatusCode.BadRequest).IsTransient);
        Assert.True(ErrorCodeTable.RefreshesToken(FeishuErrorCodes.TenantAccessTokenInvalid));
        Assert.True(ErrorCodeTable.RefreshesToken(FeishuErrorCodes.AuthorizationMissing));
        Assert.True(ErrorCodeTable.RefreshesToken(FeishuErrorCodes.AppAccessTokenInvalid));
        Assert.True(ErrorCodeTable.RefreshesToken(FeishuErrorCodes.TokenFormatError));
        Assert.False(ErrorCodeTable.RefreshesToken(FeishuErrorCodes.UserAccessTokenExpired));
        Assert.False(ErrorCodeTable.RefreshesToken(FeishuErrorCodes.AppScopeMissing));
    }
}
