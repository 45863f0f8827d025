using System.Net;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Diagnostics;

/// <summary>A request of the caller's own sent through the SDK's HttpClient belongs to no download API.</summary>
public sealed class RequestWithoutApiTelemetryTests
{
    [Fact]
    public async Task A_refusal_of_a_request_sent_through_the_sdk_http_client_is_counted_without_an_api()
    {
        using var telemetry = new TelemetryCapture(activities: false);
        IHttpClientBuilder? builder = null;
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId, client: b => builder = b);
        feishu.Http.When(MockFeishu.BaseUrl + "/open-apis/contact/v3/users/*").Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(41050)));
        HttpClient http = feishu.Services.GetRequiredService<IHttpClientFactory>().CreateClient(builder!.Name);

        await Assert.ThrowsAnyAsync<FeishuApiException>(() => http.GetAsync(MockFeishu.BaseUrl + "/open-apis/contact/v3/users/ou_1"));

        TelemetryCapture.Measurement error = Assert.Single(telemetry.Measurements, m => m.Instrument == "feishu.errors");
        Assert.Equal(41050, error.Tag("feishu.code"));
        Assert.Null(error.Tag("feishu.api"));
    }
}
