using System.Diagnostics;
using System.Net;
using FeishuResources.Diagnostics;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>What an operator's telemetry shows of a token fetch that failed: counted with its error type, its span failed.</summary>
public sealed class TokenFetchTelemetryTests
{
    [Fact]
    public async Task A_refused_token_fetch_is_counted_with_its_error_type_and_its_activity_fails_with_the_code()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId, tokenEndpoint: false);
        feishu.Http.When(HttpMethod.Post, MockFeishu.TokenUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, """{"code":10014,"msg":"app secret invalid"}"""));

        await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.Equal(1, telemetry.Sum("feishu.token.fetches", (TelemetryNames.ErrorType, typeof(FeishuAuthenticationException).FullName)));
        Activity fetch = Assert.Single(telemetry.StoppedNamed(TelemetryNames.TokenFetchActivity));
        Assert.Equal(ActivityStatusCode.Error, fetch.Status);
        Assert.Equal(10014, fetch.GetTagItem(TelemetryNames.Code));
    }
}
