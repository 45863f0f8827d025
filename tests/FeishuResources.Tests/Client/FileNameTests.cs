using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Client;

public sealed class FileNameTests
{
    private const string ResourceUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages/om_1/resources/file_v3_1";

    public static TheoryData<string?, string?> Headers => new()
    {
        { "attachment; filename=\"" + MockFeishu.AsWireLatin1("季度报告.pdf") + "\"", "季度报告.pdf" },
        { "attachment; filename=\"" + MockFeishu.AsWireLatin1("🎉 launch.mp4") + "\"", "🎉 launch.mp4" },
        { "attachment; filename*=UTF-8''%E5%90%88%E5%90%8C%3Av2.docx", "合同:v2.docx" },
        { "attachment; filename=\"fallback.txt\"; filename*=UTF-8''%E4%BC%98%E5%85%88.txt", "优先.txt" },
        { "attachment; filename=plain.csv", "plain.csv" },
        { "attachment; filename=\"unterminated.txt", null },
        { "attachment; filename=\"\"", null },
        { "attachment; filename*=UTF-8''%ZZ", null },
        { null, null },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task Download_exposes_the_decoded_file_name_or_null_without_failing(string? disposition, string? expected)
    {
        using var feishu = new MockFeishu();
        byte[] body = [1, 2, 3];
        feishu.Http.When(HttpMethod.Get, ResourceUrl).Respond(_ => MockFeishu.File(body, "video/mp4", disposition));

        await using FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync("om_1", "file_v3_1", FeishuResourceType.File);
        var sink = new MemoryStream();
        await download.CopyToAsync(sink);

        Assert.Equal(expected, download.FileName);
        Assert.Equal(body, sink.ToArray());
        Assert.Equal("video/mp4", download.ContentType);
        Assert.Equal("file_v3_1", download.ResourceKey);
    }

    [Fact]
    public async Task File_name_and_media_type_are_still_readable_after_the_download_was_disposed()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ResourceUrl).Respond(_ => MockFeishu.File([1, 2, 3], "video/mp4", "attachment; filename=\"clip.mp4\""));

        FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync("om_1", "file_v3_1", FeishuResourceType.File);
        download.Dispose();

        Assert.Equal("clip.mp4", download.FileName);
        Assert.Equal("video/mp4", download.ContentType);
    }
}
