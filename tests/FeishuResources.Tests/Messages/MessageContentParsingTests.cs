using Xunit;

namespace FeishuResources.Tests.Messages;

/// <summary>
/// <see cref="FeishuMessageContent.Parse(string, string, string)"/> on content exactly as the platform sends it (the shapes of
/// feishu-message-content.md): one test per message type and post shape.
/// </summary>
public sealed class MessageContentParsingTests
{
    [Fact]
    public void An_image_message_yields_its_image_key_with_type_image()
    {
        FeishuMessageResource image = Assert.Single(FeishuMessageContent.Parse("image", """{"image_key":"img_v3_0211j_a"}""", "om_1"));

        Assert.Equal("img_v3_0211j_a", image.Key);
        Assert.Equal(FeishuMessageResourceKind.Image, image.Kind);
        Assert.Equal(FeishuResourceType.Image, image.Type);
        Assert.True(image.IsDownloadable);
        Assert.Null(image.FileName);
        Assert.Equal("om_1", image.MessageId);
        Assert.Equal("om_1", image.DownloadMessageId);
        Assert.Equal("image", image.MessageType);
    }

    [Fact]
    public void A_file_message_yields_its_file_key_with_type_file_and_the_name_from_the_content()
    {
        FeishuMessageResource file = Assert.Single(FeishuMessageContent.Parse("file", """{"file_key":"file_v3_00ab","file_name":"季度报告 🎉.pdf"}"""));

        Assert.Equal("file_v3_00ab", file.Key);
        Assert.Equal(FeishuMessageResourceKind.File, file.Kind);
        Assert.Equal(FeishuResourceType.File, file.Type);
        Assert.Equal("季度报告 🎉.pdf", file.FileName);
        Assert.Null(file.MessageId);
        Assert.Null(file.DownloadMessageId);
    }

    [Fact]
    public void An_audio_message_is_downloaded_with_type_file_and_carries_its_duration()
    {
        FeishuMessageResource audio = Assert.Single(FeishuMessageContent.Parse("audio", """{"file_key":"file_v3_voice","duration":2000}"""));

        Assert.Equal(FeishuMessageResourceKind.Audio, audio.Kind);
        Assert.Equal(FeishuResourceType.File, audio.Type);
        Assert.Equal(TimeSpan.FromSeconds(2), audio.Duration);
    }

    [Theory]
    [InlineData("media")]
    [InlineData("video")]
    public void A_video_message_yields_the_video_as_a_file_and_its_cover_as_an_image(string messageType)
    {
        IReadOnlyList<FeishuMessageResource> resources = FeishuMessageContent.Parse(
            messageType, """{"file_key":"file_v3_clip","image_key":"img_v3_cover","file_name":"clip.mp4","duration":"65000"}""");

        Assert.Collection(
            resources,
            video =>
            {
                Assert.Equal(("file_v3_clip", FeishuMessageResourceKind.Video, FeishuResourceType.File), (video.Key, video.Kind, video.Type!.Value));
                Assert.Equal("clip.mp4", video.FileName);
                Assert.Equal(TimeSpan.FromSeconds(65), video.Duration);
            },
            cover =>
            {
                Assert.Equal(("img_v3_cover", FeishuMessageResourceKind.VideoCover, FeishuResourceType.Image), (cover.Key, cover.Kind, cover.Type!.Value));
                Assert.Null(cover.FileName);
                Assert.Null(cover.Duration);
            });
    }

    [Fact]
    public void A_sticker_is_reported_but_not_downloadable()
    {
        FeishuMessageResource sticker = Assert.Single(FeishuMessageContent.Parse("sticker", """{"file_key":"file_v3_sticker"}"""));

        Assert.Equal(FeishuMessageResourceKind.Sticker, sticker.Kind);
        Assert.Null(sticker.Type);
        Assert.False(sticker.IsDownloadable);
    }

    public const string PostBody = """
        {"title":"Weekly","content":[
          [{"tag":"text","text":"see ","style":["bold"]},{"tag":"a","text":"link","href":"https://example.com","style":[]},{"tag":"at","user_id":"@_user_1","user_name":"","style":[]}],
          [{"tag":"img","image_key":"img_v3_post_1","width":300,"height":200}],
          [{"tag":"media","file_key":"file_v3_post_video","image_key":"img_v3_post_cover"}],
          [{"tag":"emotion","emoji_type":"SMILE"}],
          [{"tag":"hr"}],
          [{"tag":"code_block","language":"GO","text":"func main() {}"}],
          [{"tag":"text","text":"and "},{"tag":"img","image_key":"img_v3_post_2"}]]}
        """;

    [Fact]
    public void A_post_as_received_yields_every_tag_that_carries_a_key_in_order()
        => AssertPostResources(FeishuMessageContent.Parse("post", PostBody));

    [Theory]
    [InlineData("zh_cn")]
    [InlineData("en_us")]
    [InlineData("ja_jp")]
    [InlineData("fr_fr")]
    public void A_post_wrapped_in_a_locale_yields_the_same_resources(string locale)
        => AssertPostResources(FeishuMessageContent.Parse("post", "{\"" + locale + "\":" + PostBody + "}"));

    [Fact]
    public void A_post_in_several_locales_is_read_once_from_the_preferred_locale()
    {
        string content = """{"en_us":{"title":"x","content":[[{"tag":"img","image_key":"img_en"}]]},"zh_cn":{"title":"x","content":[[{"tag":"img","image_key":"img_zh"}]]}}""";

        Assert.Equal("img_zh", Assert.Single(FeishuMessageContent.Parse("post", content)).Key);
    }

    [Theory]
    [InlineData("text", """{"text":"@_user_1 hello [Lark](https://www.larksuite.com)"}""")]
    [InlineData("merge_forward", """{"content":"Merged and Forwarded Message"}""")]
    [InlineData("share_chat", """{"chat_id":"oc_1"}""")]
    [InlineData("share_user", """{"user_id":"ou_1"}""")]
    [InlineData("location", """{"name":"A","longitude":"1","latitude":"2"}""")]
    [InlineData("interactive", """{"elements":[[{"tag":"img","image_key":"img_card"}]]}""")]
    [InlineData("folder", """{"file_key":"file_folder","file_name":"docs"}""")]
    [InlineData("system", """{"template":"{from_user} invited {to_chatters}","from_user":["a"],"to_chatters":["b"]}""")]
    [InlineData("some_future_type", """{"file_key":"file_x"}""")]
    public void Types_without_downloadable_resources_yield_none(string messageType, string content)
        => Assert.Empty(FeishuMessageContent.Parse(messageType, content));

    [Theory]
    [InlineData("image", null)]
    [InlineData("image", "")]
    [InlineData("image", "not json")]
    [InlineData("image", """{"image_key":""}""")]
    [InlineData("image", """{"image_key":42}""")]
    [InlineData("image", """["img_v3"]""")]
    [InlineData("file", """{"file_key":null,"file_name":"a.pdf"}""")]
    [InlineData("post", """{"title":"x","content":"not a list"}""")]
    [InlineData("post", """{"title":"x","content":[{"tag":"img"}, 5, [null, 7, {"tag":"img","image_key":{}}]]}""")]
    [InlineData(null, """{"image_key":"img_v3"}""")]
    [InlineData("image", """{"image_key":"img_v3" """)]
    public void Malformed_content_yields_no_resources_and_no_exception(string? messageType, string? content)
        => Assert.Empty(FeishuMessageContent.Parse(messageType, content));

    [Fact]
    public void A_duration_that_is_not_a_sensible_number_is_left_out()
    {
        Assert.Null(Assert.Single(FeishuMessageContent.Parse("audio", """{"file_key":"k","duration":-5}""")).Duration);
        Assert.Null(Assert.Single(FeishuMessageContent.Parse("audio", """{"file_key":"k","duration":1e300}""")).Duration);
        Assert.Null(Assert.Single(FeishuMessageContent.Parse("audio", """{"file_key":"k","duration":"soon"}""")).Duration);
    }

    private static void AssertPostResources(IReadOnlyList<FeishuMessageResource> resources)
    {
        Assert.Equal(
            [
                ("img_v3_post_1", FeishuMessageResourceKind.PostImage, (FeishuResourceType?)FeishuResourceType.Image),
                ("file_v3_post_video", FeishuMessageResourceKind.PostVideo, FeishuResourceType.File),
                ("img_v3_post_cover", FeishuMessageResourceKind.VideoCover, FeishuResourceType.Image),
                ("img_v3_post_2", FeishuMessageResourceKind.PostImage, FeishuResourceType.Image),
            ],
            resources.Select(r => (r.Key, r.Kind, r.Type)));
        Assert.All(resources, r => Assert.Equal("post", r.MessageType));
    }
}
