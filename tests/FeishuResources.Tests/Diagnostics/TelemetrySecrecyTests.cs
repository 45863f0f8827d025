using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Diagnostics;

public sealed class TelemetrySecrecyTests
{
    [Fact]
    public async Task No_token_or_secret_appears_in_any_activity_tag_or_measurement_tag()
    {
        using var telemetry = new TelemetryCapture();
        using var feishu = new MockFeishu(o => { o.AppId = telemetry.AppId; o.Retry.MaxRateLimitRetryAttempts = 1; });
        int calls = 0;
        feishu.Http.When(MockFeishu.BaseUrl + "/open-apis/im/v1/files/*").Respond(_ => Interlocked.Increment(ref calls) switch
        {
            1 => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(99991663, "tenant access token invalid")),
            2 => MockFeishu.Json((HttpStatusCode)429, MockFeishu.ErrorBody(99991400)),
            _ => MockFeishu.File(new byte[10]),
        });

        FeishuDownload download = await feishu.Time.RunAsync(feishu.Client.DownloadFileAsync("file_secrecy"), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        await download.CopyToAsync(Stream.Null);
        download.Dispose();

        Assert.Equal(2, feishu.TokensIssued);
        Assert.Equal(2, telemetry.StoppedNamed("feishu.token.fetch").Count);
        Assert.Single(telemetry.StoppedNamed("feishu.download.retry"));
        List<string> tags = telemetry.AllTagText().ToList();
        Assert.Contains("feishu.resource_key=file_secrecy", tags);
        Assert.DoesNotContain(tags, t => t.Contains("t-token-", StringComparison.Ordinal) || t.Contains(MockFeishu.AppSecret, StringComparison.Ordinal));
    }
}
