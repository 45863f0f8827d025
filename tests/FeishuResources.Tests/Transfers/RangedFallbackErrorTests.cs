using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

public sealed class RangedFallbackErrorTests
{
    private const string FilesUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/*";

    private static void WholeRefusedThen(MockFeishu feishu, Func<HttpResponseMessage> rangedAnswer)
        => feishu.Http.When(FilesUrl).Respond(request => request.Headers.Range is null
            ? MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234037, "Downloaded file size exceeds limit."))
            : rangedAnswer());

    [Fact]
    public async Task A_rate_limit_on_the_first_range_surfaces_as_rate_limited_not_as_too_large()
    {
        using var feishu = new MockFeishu();
        WholeRefusedThen(feishu, () => MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400)));

        var ex = await Assert.ThrowsAsync<FeishuRateLimitedException>(() => feishu.Client.DownloadFileAsync("file_big"));

        Assert.Equal(99991400, ex.Code);
    }

    [Fact]
    public async Task A_gateway_failure_on_the_first_range_surfaces_as_itself()
    {
        using var feishu = new MockFeishu();
        WholeRefusedThen(feishu, () => new HttpResponseMessage(HttpStatusCode.BadGateway));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("file_big"));

        Assert.IsNotType<FeishuResourceTooLargeException>(ex);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
    }

    [Fact]
    public async Task A_business_refusal_of_the_range_means_the_resource_is_too_large()
    {
        using var feishu = new MockFeishu();
        WholeRefusedThen(feishu, () => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234037, "Downloaded file size exceeds limit.")));

        var ex = await Assert.ThrowsAsync<FeishuResourceTooLargeException>(() => feishu.Client.DownloadFileAsync("file_big"));

        Assert.IsType<FeishuResourceTooLargeException>(ex.InnerException);
    }
}
