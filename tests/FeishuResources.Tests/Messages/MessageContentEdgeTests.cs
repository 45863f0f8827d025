using Xunit;

namespace FeishuResources.Tests.Messages;

/// <summary>
/// <see cref="FeishuMessageContent.Parse(string, string, string)"/> at the edges of what the platform sends: bounds of a
/// duration, blank names and keys, which locale of a post wins, and what a resource and a message say of themselves.
/// </summary>
public sealed class MessageContentEdgeTests
{
    /// <summary>366 days: the longest duration taken as a length rather than as noise.</summary>
    private const long LongestDurationMilliseconds = 366L * 24 * 60 * 60 * 1000;

    [Fact]
    public void A_zero_duration_and_the_longest_accepted_one_are_kept_one_millisecond_more_is_left_out()
    {
        Assert.Equal(TimeSpan.Zero, Assert.Single(FeishuMessageContent.Parse("audio", """{"file_key":"k","duration":0}""")).Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(LongestDurationMilliseconds), Assert.Single(FeishuMessageContent.Parse("audio", "{\"file_key\":\"k\",\"duration\":" + LongestDurationMilliseconds + "}")).Duration);
        Assert.Null(Assert.Single(FeishuMessageContent.Parse("audio", "{\"file_key\":\"k\",\"duration\":\"" + (LongestDurationMilliseconds + 1) + "\"}")).Duration);
        Assert.Null(Assert.Single(FeishuMessageContent.Parse("audio", """{"file_key":"k"}""")).Duration);
    }

    [Fact]
    public void An_empty_file_name_is_no_name_and_a_blank_key_is_no_resource()
    {
        Assert.Null(Assert.Single(FeishuMessageContent.Parse("file", """{"file_key":"file_1","file_name":""}""")).FileName);
        Assert.Empty(FeishuMessageContent.Parse("image", """{"image_key":"   "}"""));
    }

    [Fact]
    public void A_post_in_english_and_japanese_is_read_from_english()
    {
        string content = """{"ja_jp":{"title":"x","content":[[{"tag":"img","image_key":"img_ja"}]]},"en_us":{"title":"x","content":[[{"tag":"img","image_key":"img_en"}]]}}""";

        Assert.Equal("img_en", Assert.Single(FeishuMessageContent.Parse("post", content)).Key);
    }

    [Fact]
    public void A_post_in_japanese_and_another_locale_is_read_from_japanese()
    {
        string content = """{"fr_fr":{"title":"x","content":[[{"tag":"img","image_key":"img_fr"}]]},"ja_jp":{"title":"x","content":[[{"tag":"img","image_key":"img_ja"}]]}}""";

        Assert.Equal("img_ja", Assert.Single(FeishuMessageContent.Parse("post", content)).Key);
    }

    [Fact]
    public void Members_of_a_post_that_are_not_objects_are_passed_over_when_looking_for_its_body()
    {
        string content = """{"zh_cn":"not a body","version":2,"fr_fr":{"title":"x","content":[[{"tag":"img","image_key":"img_fr"}]]}}""";

        Assert.Equal("img_fr", Assert.Single(FeishuMessageContent.Parse("post", content)).Key);
    }

    [Fact]
    public void A_post_with_content_but_no_title_is_read_as_it_is()
        => Assert.Equal("img_1", Assert.Single(FeishuMessageContent.Parse("post", """{"content":[[{"tag":"img","image_key":"img_1"}]]}""")).Key);

    [Fact]
    public void A_post_with_its_own_title_is_its_own_body_not_a_locale_inside_it()
        => Assert.Empty(FeishuMessageContent.Parse("post", """{"title":"t","zh_cn":{"title":"x","content":[[{"tag":"img","image_key":"img_zh"}]]}}"""));

    [Fact]
    public void A_resource_and_a_message_describe_themselves_by_kind_key_name_and_id()
    {
        FeishuMessageResource file = Assert.Single(FeishuMessageContent.Parse("file", """{"file_key":"file_1","file_name":"a.pdf"}"""));
        FeishuMessageResource image = Assert.Single(FeishuMessageContent.Parse("image", """{"image_key":"img_1"}"""));

        Assert.Equal("File file_1 (a.pdf)", file.ToString());
        Assert.Equal("Image img_1", image.ToString());
        Assert.Equal("image om_1", FeishuResourcesModelFactory.Message("om_1", "image", """{"image_key":"img_1"}""").ToString());
    }
}
