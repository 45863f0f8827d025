using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Messages;

public sealed class GetMessageTelemetryTests
{
    [Fact]
    public async Task A_refused_message_read_is_counted_under_the_messages_api_not_the_downloads()
    {
        using var telemetry = new TelemetryCapture(activities: false);
        using var feishu = new MockFeishu(o => o.AppId = telemetry.AppId);
        feishu.Http.When(MockFeishu.BaseUrl + "/open-apis/im/v1/messages/om_gone").Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(230110)));

        await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => feishu.Client.GetMessageResourcesAsync("om_gone"));

        Assert.Equal(1, telemetry.Sum("feishu.errors", ("feishu.code", 230110), ("feishu.api", "messages")));
    }
}
