using System.Text.Json;
using FeishuResources.Cli.Tests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.Cli.Tests;

/// <summary><c>message &lt;message_id&gt;</c> without a key: every resource of the message, or <c>--list</c> of them.</summary>
public sealed class MessageCommandTests
{
    private const string PostId = "om_cli_post";
    private const string PostContent = """{"zh_cn":{"title":"周报","content":[[{"tag":"img","image_key":"img_v3_chart"}],[{"tag":"media","file_key":"file_v3_demo","image_key":"img_v3_demo_cover"}]]}}""";

    [Fact]
    public async Task Without_a_key_every_resource_of_the_message_is_saved_under_its_name()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        SeedPost(platform);

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("message", PostId, "-o", "out"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["图表 📈.png", "演示.mp4"], Directory.GetFiles(platform.PathOf("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"saved    {PostId} img_v3_chart image -> {platform.PathOf("out", "图表 📈.png")} (100 bytes)", result.Out, StringComparison.Ordinal);
        Assert.Contains("2 saved", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_prints_kind_key_type_and_name_without_downloading()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.AddMessage("om_cli_file", "file", """{"file_key":"file_v3_budget","file_name":"预算 🎯.xlsx"}""");
        platform.Emulator.AddMessage("om_cli_sticker", "sticker", """{"file_key":"file_v3_sticker"}""");

        CliResult file = await InProcessCli.RunAsync(platform.Setup, platform.Args("message", "om_cli_file", "--list"));
        CliResult sticker = await InProcessCli.RunAsync(platform.Setup, platform.Args("message", "om_cli_sticker", "--list"));

        Assert.Equal(0, file.ExitCode);
        Assert.Matches(@"^file\s+file_v3_budget\s+file\s+预算 🎯\.xlsx\s*$", file.Out.Trim());
        Assert.Matches(@"^sticker\s+file_v3_sticker\s+-\s+\(not downloadable\)\s*$", sticker.Out.Trim());
        Assert.Equal(0, platform.Emulator.Traffic.CountRequests(FeishuEmulatorApi.MessageResources));
        Assert.Empty(Directory.GetFiles(platform.WorkingDirectory));
    }

    [Fact]
    public async Task List_with_json_prints_one_object_per_resource()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        SeedPost(platform);

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("message", PostId, "--list", "--json"));

        Assert.Equal(0, result.ExitCode);
        JsonElement[] lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(["img_v3_chart", "file_v3_demo", "img_v3_demo_cover"], lines.Select(l => l.GetProperty("fileKey").GetString()));
        Assert.All(lines, l => Assert.Equal("resource", l.GetProperty("kind").GetString()));
        Assert.Equal(["postImage", "postVideo", "videoCover"], lines.Select(l => l.GetProperty("resourceKind").GetString()));
        Assert.Equal(["image", "file", "image"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.All(lines, l => Assert.Equal(PostId, l.GetProperty("messageId").GetString()));
    }

    [Fact]
    public async Task Download_with_json_prints_each_item_and_a_summary()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        SeedPost(platform);

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("message", PostId, "--json"));

        Assert.Equal(0, result.ExitCode);
        JsonElement[] lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, lines.Count(l => l.GetProperty("kind").GetString() == "item" && l.GetProperty("status").GetString() == "saved"));
        Assert.Equal("summary", lines[^1].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_resource_the_platform_refuses_fails_with_its_exit_code_while_the_others_are_saved()
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        platform.Emulator.AddMessage("om_cli_half", "post", """{"title":"t","content":[[{"tag":"img","image_key":"img_v3_missing"}],[{"tag":"img","image_key":"img_v3_here"}]]}""");
        platform.Emulator.AddMessageResource("om_cli_half", "img_v3_here", FeishuResourceType.Image, FeishuEmulatorContent.Generated(10), "image/png");

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("message", "om_cli_half"));

        Assert.Equal(4, result.ExitCode);
        Assert.True(File.Exists(platform.PathOf("img_v3_here.png")), result.ToString());
        Assert.Contains("234003", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 4)]
    public async Task A_message_that_cannot_be_read_exits_with_not_found_or_permission(bool deleted, int exitCode)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();
        SeedPost(platform);
        if (deleted)
        {
            platform.Emulator.DeleteMessage(PostId);
        }
        else
        {
            platform.Emulator.Faults.FailWith(230002, PostId);
        }

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args("message", PostId, "--list"));

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(deleted ? "230110" : "230002", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatedPlatform.Secret, result.AllOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("message", EmulatedPlatform.MessageId, EmulatedPlatform.PhotoKey)]
    [InlineData("message", PostId, "--type", "image")]
    [InlineData("message", EmulatedPlatform.MessageId, EmulatedPlatform.PhotoKey, "--type", "image", "--list")]
    public async Task Key_and_type_go_together_and_list_takes_neither(params string[] args)
    {
        await using EmulatedPlatform platform = await EmulatedPlatform.StartAsync();

        CliResult result = await InProcessCli.RunAsync(platform.Setup, platform.Args(args));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(platform.Emulator.Traffic.Requests);
    }

    private static void SeedPost(EmulatedPlatform platform)
    {
        platform.Emulator.AddMessage(PostId, "post", PostContent);
        platform.Emulator.AddMessageResource(PostId, "img_v3_chart", FeishuResourceType.Image, FeishuEmulatorContent.Generated(100, seed: 7), "image/png", "图表 📈.png");
        platform.Emulator.AddMessageResource(PostId, "file_v3_demo", FeishuResourceType.File, FeishuEmulatorContent.Generated(200, seed: 8), "video/mp4", "演示.mp4");
    }
}
