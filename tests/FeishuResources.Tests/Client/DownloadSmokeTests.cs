using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Client;

public sealed class DownloadSmokeTests
{
    [Fact]
    public async Task DownloadFileAsync_returns_streaming_body_with_recovered_chinese_name()
    {
        using var feishu = new MockFeishu();
        byte[] body = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_v3_abc")
            .WithHeaders("Authorization", "Bearer t-token-1")
            .Respond(_ => MockFeishu.File(body, "application/pdf", "attachment; filename=\"" + MockFeishu.AsWireLatin1("季度报告.pdf") + "\""));

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_v3_abc");
        var copy = new MemoryStream();
        await download.CopyToAsync(copy);

        Assert.Equal("季度报告.pdf", download.FileName);
        Assert.Equal("application/pdf", download.ContentType);
        Assert.Equal(1000, download.ContentLength);
        Assert.Equal("20260207205010FILELOGID000000000", download.LogId);
        Assert.Equal(body, copy.ToArray());
    }

    [Fact]
    public async Task ContentType_is_the_header_as_sent_with_its_parameters_and_the_saved_name_still_gets_its_extension()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_v3_notes")
            .Respond(_ => MockFeishu.File(new byte[] { 1, 2, 3 }, "text/plain; charset=utf-8"));

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_v3_notes");

        Assert.Equal("text/plain; charset=utf-8", download.ContentType);
        Assert.Equal("file_v3_notes.txt", download.SafeFileName);
    }

    [Fact]
    public async Task Token_error_with_http_200_is_thrown_as_authentication_exception_after_one_replay()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/k")
            .Respond(_ => MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(99991663, "token invalid")));

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("k"));

        Assert.Equal(99991663, ex.Code);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(2, feishu.TokensIssued);
    }
}
