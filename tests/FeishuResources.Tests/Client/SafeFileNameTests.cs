using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Client;

/// <summary><see cref="FeishuDownload.SafeFileName"/> is the name the SDK's own saves use, for callers that name a file elsewhere (a browser, an archive).</summary>
public sealed class SafeFileNameTests
{
    private const string ResourceUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages/om_1/resources/img_v3_photo";

    public static TheoryData<string, string?, string> Cases => new()
    {
        { "a nameless image", null, "img_v3_photo.png" },
        { "a right-to-left override disguising an extension", "attachment; filename*=UTF-8''invoice%E2%80%AEfdp.exe", "invoice_fdp.exe" },
        { "a name with folders", "attachment; filename=\"../../etc/passwd.png\"", "passwd.png" },
        { "a plain Chinese name", "attachment; filename*=UTF-8''%E7%8C%AB.png", "猫.png" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SafeFileName_is_the_name_SaveToDirectoryAsync_saves_under(string @case, string? disposition, string expected)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ResourceUrl).Respond(_ => MockFeishu.File([1, 2, 3], "image/png", disposition));
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync("om_1", "img_v3_photo", FeishuResourceType.Image);
        string safeName = download.SafeFileName;
        string saved = await download.SaveToDirectoryAsync(folder.Path);

        Assert.True(expected == safeName, $"{@case}: expected {expected}, got {safeName}");
        Assert.Equal(safeName, Path.GetFileName(saved));
    }

    [Fact]
    public async Task SafeFileName_of_a_nameless_download_takes_its_extension_from_a_Content_Type_with_parameters()
    {
        await using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream([1]), "file_v3_notes", "text/plain; charset=utf-8");

        Assert.Equal("file_v3_notes.txt", download.SafeFileName);
    }
}
