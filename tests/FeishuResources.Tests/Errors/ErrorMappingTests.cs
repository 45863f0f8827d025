using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Errors;

public sealed class ErrorMappingTests
{
    private const string FileUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_v3_key";
    private const string HeaderLogId = "20260207205010HEADERLOGID00000000";
    private const string BodyLogId = "20260207205010BODYLOGID0000000000";

    public static TheoryData<int, HttpStatusCode, Type> MappingTable => new()
    {
        { 234002, HttpStatusCode.Unauthorized, typeof(FeishuAuthenticationException) },
        { 99991661, HttpStatusCode.BadRequest, typeof(FeishuAuthenticationException) },
        { 99991663, HttpStatusCode.OK, typeof(FeishuAuthenticationException) },
        { 99991664, HttpStatusCode.Unauthorized, typeof(FeishuAuthenticationException) },
        { 99991668, HttpStatusCode.BadRequest, typeof(FeishuAuthenticationException) },
        { 99991671, HttpStatusCode.BadRequest, typeof(FeishuAuthenticationException) },
        { 99991677, HttpStatusCode.Unauthorized, typeof(FeishuAuthenticationException) },
        { 234004, HttpStatusCode.BadRequest, typeof(FeishuPermissionDeniedException) },
        { 234008, HttpStatusCode.BadRequest, typeof(FeishuPermissionDeniedException) },
        { 234009, HttpStatusCode.BadRequest, typeof(FeishuPermissionDeniedException) },
        { 234038, HttpStatusCode.BadRequest, typeof(FeishuPermissionDeniedException) },
        { 234040, HttpStatusCode.BadRequest, typeof(FeishuPermissionDeniedException) },
        { 99991672, HttpStatusCode.BadRequest, typeof(FeishuPermissionDeniedException) },
        { 99991676, HttpStatusCode.Forbidden, typeof(FeishuPermissionDeniedException) },
        { 99991679, HttpStatusCode.BadRequest, typeof(FeishuPermissionDeniedException) },
        { 230110, HttpStatusCode.BadRequest, typeof(FeishuResourceNotFoundException) },
        { 234003, HttpStatusCode.BadRequest, typeof(FeishuResourceNotFoundException) },
        { 234005, HttpStatusCode.BadRequest, typeof(FeishuResourceNotFoundException) },
        { 234001, HttpStatusCode.BadRequest, typeof(FeishuInvalidRequestException) },
        { 234043, HttpStatusCode.BadRequest, typeof(FeishuInvalidRequestException) },
        { 234037, HttpStatusCode.BadRequest, typeof(FeishuResourceTooLargeException) },
        { 99991400, HttpStatusCode.TooManyRequests, typeof(FeishuRateLimitedException) },
        { 99991400, HttpStatusCode.BadRequest, typeof(FeishuRateLimitedException) },
        { 234041, HttpStatusCode.BadRequest, typeof(FeishuTenantStorageException) },
        { 234042, HttpStatusCode.BadRequest, typeof(FeishuTenantStorageException) },
        { 234019, HttpStatusCode.BadRequest, typeof(FeishuApiException) },
        { 1234567, HttpStatusCode.InternalServerError, typeof(FeishuApiException) },
        { 99999999, HttpStatusCode.OK, typeof(FeishuApiException) },
        { -1, HttpStatusCode.BadRequest, typeof(FeishuApiException) },
    };

    [Theory]
    [MemberData(nameof(MappingTable))]
    public async Task Each_platform_code_becomes_its_exception_type_with_code_status_log_id_and_troubleshooter(int code, HttpStatusCode status, Type expectedType)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.Json(status, MockFeishu.ErrorBody(code, "platform says no"), HeaderLogId));

        FeishuApiException ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("file_v3_key"));

        Assert.Equal(expectedType, ex.GetType());
        Assert.Equal(code, ex.Code);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(HeaderLogId, ex.LogId);
        Assert.Equal("https://open.feishu.cn/search?q=" + code, ex.Troubleshooter);
        Assert.Equal("platform says no", ex.Error.Message);
        Assert.Contains(HeaderLogId, ex.Message, StringComparison.Ordinal);
        Assert.Contains("file_v3_key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_234008_tells_the_caller_to_use_the_message_resource_endpoint()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234008)));

        var ex = await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => feishu.Client.DownloadFileAsync("file_v3_key"));

        Assert.Contains("use DownloadMessageResourceAsync for files users sent", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(234037, "ranges")]
    [InlineData(234004, "Add the bot to the chat")]
    [InlineData(99991672, "scope")]
    [InlineData(234043, "merged-forward")]
    public async Task Exception_messages_say_what_to_do(int code, string advice)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(code)));

        FeishuApiException ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("file_v3_key"));

        Assert.Contains(advice, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_id_header_wins_over_body_log_id_and_request_id()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => WithRequestId(MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234005), HeaderLogId)));

        var ex = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => feishu.Client.DownloadFileAsync("file_v3_key"));

        Assert.Equal(HeaderLogId, ex.LogId);
    }

    [Fact]
    public async Task Body_log_id_is_used_when_the_header_is_absent()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => WithRequestId(MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234005), logId: null)));

        var ex = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => feishu.Client.DownloadFileAsync("file_v3_key"));

        Assert.Equal(BodyLogId, ex.LogId);
    }

    [Fact]
    public async Task Request_id_is_the_last_fallback_for_the_log_id()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => WithRequestId(MockFeishu.Json(HttpStatusCode.BadRequest, """{"code":234005,"msg":"deleted"}""", logId: null)));

        var ex = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => feishu.Client.DownloadFileAsync("file_v3_key"));

        Assert.Equal("request-id-42", ex.LogId);
        Assert.Null(ex.Troubleshooter);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, typeof(FeishuResourceNotFoundException))]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(FeishuRateLimitedException))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(FeishuAuthenticationException))]
    [InlineData(HttpStatusCode.Forbidden, typeof(FeishuPermissionDeniedException))]
    [InlineData(HttpStatusCode.BadGateway, typeof(FeishuApiException))]
    [InlineData(HttpStatusCode.InternalServerError, typeof(FeishuApiException))]
    public async Task A_status_without_a_json_body_maps_by_status(HttpStatusCode status, Type expectedType)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("<html><body>Bad Gateway</body></html>", System.Text.Encoding.UTF8, "text/html") };
            response.Headers.TryAddWithoutValidation("X-Tt-Logid", HeaderLogId);
            return response;
        });

        FeishuApiException ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("file_v3_key"));

        Assert.Equal(expectedType, ex.GetType());
        Assert.Equal(0, ex.Code);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(HeaderLogId, ex.LogId);
        Assert.Contains("<html>", ex.Error.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_with_an_empty_body_is_not_found()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(HttpStatusCode.NotFound);

        var ex = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => feishu.Client.DownloadFileAsync("file_v3_key"));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Null(ex.Error.ResponseBody);
    }

    [Theory]
    [InlineData("1.5", null, 1500)]
    [InlineData("0.25", "30", 250)]
    [InlineData(null, "7", 7000)]
    [InlineData(null, "Sun, 22 Nov 2026 00:00:30 GMT", 30000)]
    public async Task Rate_limit_answers_carry_how_long_to_wait(string? reset, string? retryAfter, int expectedMilliseconds)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ =>
        {
            HttpResponseMessage response = MockFeishu.Json(HttpStatusCode.TooManyRequests, """{"code":99991400,"msg":"request trigger frequency limit"}""");
            if (reset is not null)
            {
                response.Headers.TryAddWithoutValidation("x-ogw-ratelimit-reset", reset);
            }

            if (retryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return response;
        });

        var ex = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("file_v3_key"));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), ex.RetryAfter);
    }

    [Fact]
    public async Task Rate_limit_answer_without_wait_headers_has_no_retry_after()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.TooManyRequests, """{"code":99991400,"msg":"limit"}"""));

        var ex = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("file_v3_key"));

        Assert.Null(ex.RetryAfter);
    }

    private static HttpResponseMessage WithRequestId(HttpResponseMessage response)
    {
        response.Headers.TryAddWithoutValidation("X-Request-Id", "request-id-42");
        return response;
    }
}
