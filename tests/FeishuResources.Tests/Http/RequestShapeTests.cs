using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Http;

public sealed class RequestShapeTests
{
    [Fact]
    public async Task Downloads_are_gets_that_say_json_with_an_empty_unchunked_body()
    {
        using var feishu = new MockFeishu();
        feishu.Http.Fallback.Respond(_ => MockFeishu.File([1]));

        (await feishu.Client.DownloadFileAsync("file_k")).Dispose();
        (await feishu.Client.DownloadMessageResourceAsync("om_1", "img_1", FeishuResourceType.Image)).Dispose();

        Assert.Equal(2, feishu.Downloads.Count);
        Assert.All(feishu.Downloads, sent =>
        {
            Assert.Equal(HttpMethod.Get, sent.Method);
            Assert.Equal("application/json", sent.ContentType);
            Assert.Equal(0, sent.ContentLength);
            Assert.NotEqual(true, sent.TransferEncodingChunked);
            Assert.Empty(sent.Body!);
        });
    }
}
