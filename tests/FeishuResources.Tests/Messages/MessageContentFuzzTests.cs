using System.Text;
using Xunit;

namespace FeishuResources.Tests.Messages;

/// <summary>Content comes from the network: whatever it holds, parsing returns and never throws.</summary>
public sealed class MessageContentFuzzTests
{
    private static readonly string[] MessageTypes = ["image", "file", "audio", "media", "video", "sticker", "post", "merge_forward", "text", "x"];
    private static readonly string[] Names = ["image_key", "file_key", "file_name", "duration", "tag", "content", "title", "zh_cn", "en_us", "img", "media", "a"];

    [Fact]
    public void Random_json_and_random_strings_never_throw()
    {
        var random = new Random(12);
        for (int i = 0; i < 20_000; i++)
        {
            string content = i % 4 == 0 ? RandomText(random) : RandomJson(random, depth: 0);
            string messageType = MessageTypes[random.Next(MessageTypes.Length)];

            IReadOnlyList<FeishuMessageResource> resources = FeishuMessageContent.Parse(messageType, content, "om_fuzz");

            Assert.All(resources, r => Assert.False(string.IsNullOrWhiteSpace(r.Key)));
        }
    }

    [Fact]
    public void Deeply_nested_content_yields_no_resources_and_no_exception()
    {
        string deep = new string('[', 10_000) + new string(']', 10_000);

        Assert.Empty(FeishuMessageContent.Parse("post", "{\"content\":" + deep + "}"));
        Assert.Empty(FeishuMessageContent.Parse("post", "{\"zh_cn\":{\"content\":[[" + new string('{', 5_000)));
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        int length = random.Next(0, 40);
        for (int i = 0; i < length; i++)
        {
            text.Append((char)random.Next(0, 0x3000));
        }

        return text.ToString();
    }

    private static string RandomJson(Random random, int depth)
    {
        int choice = depth > 5 ? random.Next(4) : random.Next(7);
        return choice switch
        {
            0 => "null",
            1 => random.Next(2) == 0 ? "true" : "-" + random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) + "e" + random.Next(400),
            2 => "\"" + Names[random.Next(Names.Length)] + "\"",
            3 => random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            4 or 5 => "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => "\"" + Names[random.Next(Names.Length)] + "\":" + RandomJson(random, depth + 1))) + "}",
            _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))) + "]",
        };
    }
}
