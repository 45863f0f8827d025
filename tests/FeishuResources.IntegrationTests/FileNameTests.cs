using System.Text;
using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>Unicode file names travel as the platform sends them, raw UTF-8 in Content-Disposition, and the SDK recovers them.</summary>
public sealed class FileNameTests
{
    public static TheoryData<string> Names => new()
    {
        "季度报告 2026.pdf",
        "会议纪要🎉✅.docx",
        "👨‍👩‍👧 family photo.png",
        "Ünïcödé résumé.txt",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_sdk_recovers_a_unicode_name_of_a_bot_file(string name)
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddFile("file_v3_named", FeishuEmulatorContent.Generated(64), "application/octet-stream", name);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_v3_named");

        Assert.Equal(name, download.FileName);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_sdk_recovers_a_unicode_name_of_a_message_resource(string name)
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddMessageResource("om_named", "file_v3_named", FeishuResourceType.File, FeishuEmulatorContent.Generated(64), "application/octet-stream", name);

        await using FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync("om_named", "file_v3_named", FeishuResourceType.File);

        Assert.Equal(name, download.FileName);
    }

    [Fact]
    public async Task The_name_crosses_the_wire_as_raw_utf8_bytes_between_quotes()
    {
        const string Name = "季度报告🎉.pdf";
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();
        emulator.AddFile("file_v3_raw", FeishuEmulatorContent.Generated(8), "application/pdf", Name);
        using HttpClient http = RawFeishu.CreateClient(emulator);
        string token = await RawFeishu.GetTokenAsync(http, emulator);

        byte[] head = await RawHttp.GetResponseHeadAsync(
            emulator.BaseAddress, "/open-apis/im/v1/files/file_v3_raw", "Authorization: Bearer " + token, "Content-Type: application/json", "Content-Length: 0");

        byte[] expected = Encoding.UTF8.GetBytes("Content-Disposition: attachment; filename=\"" + Name + "\"\r\n");
        Assert.True(RawHttp.IndexOf(head, expected) >= 0, "Response head was: " + Encoding.Latin1.GetString(head));
        Assert.DoesNotContain("filename*", Encoding.Latin1.GetString(head), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_files_endpoint_sends_the_name_only_to_requests_that_declare_json()
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();
        emulator.AddFile("file_v3_raw", FeishuEmulatorContent.Generated(8), "application/pdf", "a.pdf");
        using HttpClient http = RawFeishu.CreateClient(emulator);
        string token = await RawFeishu.GetTokenAsync(http, emulator);

        using HttpResponseMessage plain = await http.SendAsync(RawFeishu.Get("open-apis/im/v1/files/file_v3_raw", token));
        using HttpRequestMessage declared = RawFeishu.Get("open-apis/im/v1/files/file_v3_raw", token);
        declared.Content = new ByteArrayContent([]);
        declared.Content.Headers.ContentType = new("application/json");
        using HttpResponseMessage json = await http.SendAsync(declared);

        Assert.Null(plain.Content.Headers.ContentDisposition);
        Assert.Equal("a.pdf", json.Content.Headers.ContentDisposition?.FileName);
    }
}
