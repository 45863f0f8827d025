using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Http;

/// <summary>A JSON answer in place of a file is the platform refusing: its code reaches the caller, not a file of JSON.</summary>
public sealed class SurfaceClassifierTests
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    [Fact]
    public async Task An_error_sent_as_text_json_is_reported_with_its_code()
    {
        using var feishu = new MockFeishu();
        feishu.Http.Fallback.Respond(_ => Answer(Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(234001, "param error")), "text/json"));

        var ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.Equal(234001, ex.Error.Code);
    }

    [Fact]
    public async Task An_error_body_of_exactly_the_64_KiB_limit_is_read_whole_and_its_code_reported()
    {
        byte[] body = Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(234001, "param error").PadLeft(MaxErrorBodyBytes));
        Assert.Equal(MaxErrorBodyBytes, body.Length);
        using var feishu = new MockFeishu();
        feishu.Http.Fallback.Respond(_ => Answer(body, "application/json"));

        var ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.Equal(234001, ex.Error.Code);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task A_relative_path_as_file_key_is_refused_with_a_message_saying_so(string fileKey)
    {
        using var feishu = new MockFeishu();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadFileAsync(fileKey));

        Assert.Equal("fileKey", ex.ParamName);
        Assert.Contains($"fileKey '{fileKey}' is a relative path", ex.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Downloads);
    }

    private static HttpResponseMessage Answer(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
