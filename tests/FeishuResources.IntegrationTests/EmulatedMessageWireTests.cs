using System.Net;
using System.Text.Json;
using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>The emulator's get-message answer on the wire, read with a plain HttpClient: the platform's shape, not the SDK's reading of it.</summary>
public sealed class EmulatedMessageWireTests
{
    [Fact]
    public async Task A_merge_forward_answers_the_container_then_its_sub_messages_with_content_as_a_json_string()
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();
        emulator.AddMessage("om_fwd", "merge_forward", """{"content":"Merged and Forwarded Message"}""");
        emulator.AddMessage("om_sub", "file", """{"file_key":"file_v3_a","file_name":"季度报告.pdf"}""", "om_fwd");
        using HttpClient http = RawFeishu.CreateClient(emulator);
        string token = await RawFeishu.GetTokenAsync(http, emulator);

        using HttpResponseMessage response = await http.SendAsync(RawFeishu.Get("/open-apis/im/v1/messages/om_fwd", token));
        using JsonDocument answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, answer.RootElement.GetProperty("code").GetInt32());
        JsonElement[] items = answer.RootElement.GetProperty("data").GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["om_fwd", "om_sub"], items.Select(i => i.GetProperty("message_id").GetString()));
        Assert.False(items[0].TryGetProperty("upper_message_id", out _));
        Assert.Equal("om_fwd", items[1].GetProperty("upper_message_id").GetString());
        JsonElement content = items[1].GetProperty("body").GetProperty("content");
        Assert.Equal(JsonValueKind.String, content.ValueKind);
        Assert.Equal("季度报告.pdf", JsonDocument.Parse(content.GetString()!).RootElement.GetProperty("file_name").GetString());
        Assert.Matches("^[0-9]{13}$", items[1].GetProperty("create_time").GetString()!);
    }

    [Fact]
    public async Task Reading_a_message_needs_a_token_like_a_download()
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();
        emulator.AddMessage("om_x", "image", """{"image_key":"img_v3_x"}""");
        using HttpClient http = RawFeishu.CreateClient(emulator);

        using HttpResponseMessage response = await http.SendAsync(RawFeishu.Get("/open-apis/im/v1/messages/om_x", null));

        Assert.Equal(99991661, await RawFeishu.ReadCodeAsync(response));
        Assert.Equal(1, emulator.Traffic.CountRequests(FeishuEmulatorApi.Messages));
    }
}
