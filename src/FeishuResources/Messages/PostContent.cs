using System.Text.Json;

namespace FeishuResources.Messages;

/// <summary>
/// The keys inside a rich-text post: <c>img</c> tags (images) and <c>media</c> tags (videos and their covers),
/// in either shape the platform uses — the received form <c>{"title","content":[[…]]}</c> or the sending form
/// wrapped in a locale, <c>{"zh_cn":{…}}</c>.
/// </summary>
internal static class PostContent
{
    private static readonly string[] PreferredLocales = ["zh_cn", "en_us", "ja_jp"];

    public static void Read(JsonElement post, ContentResources found)
    {
        if (Unwrap(post) is not { } body
            || !body.TryGetProperty("content", out JsonElement paragraphs)
            || paragraphs.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (JsonElement paragraph in paragraphs.EnumerateArray())
        {
            if (paragraph.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (JsonElement element in paragraph.EnumerateArray())
            {
                switch (ContentResources.GetString(element, "tag"))
                {
                    case "img":
                        found.Add(element, "image_key", FeishuMessageResourceKind.PostImage, FeishuResourceType.Image);
                        break;
                    case "media":
                        found.Add(element, "file_key", FeishuMessageResourceKind.PostVideo, FeishuResourceType.File);
                        found.Add(element, "image_key", FeishuMessageResourceKind.VideoCover, FeishuResourceType.Image);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// The post body, as both official tools find it: the object itself when it has a title or content, else
    /// the zh_cn, en_us or ja_jp locale, else the first member that is an object.
    /// </summary>
    private static JsonElement? Unwrap(JsonElement post)
    {
        if (post.TryGetProperty("title", out _) || post.TryGetProperty("content", out _))
        {
            return post;
        }

        foreach (string locale in PreferredLocales)
        {
            if (post.TryGetProperty(locale, out JsonElement localized) && localized.ValueKind == JsonValueKind.Object)
            {
                return localized;
            }
        }

        foreach (JsonProperty member in post.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Object)
            {
                return member.Value;
            }
        }

        return null;
    }
}
