using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;
using static FeishuResources.Tests.Messages.GetMessageResourcesTests;

namespace FeishuResources.Tests.Messages;

/// <summary>
/// Answers at the edges of what reading a message or a page makes of them: a nested forward read by its own id, a
/// time of zero, an answer of exactly the bound that is not a message list, a declared length beyond 4 GiB.
/// </summary>
public sealed class Mut8MsgAnswerTests
{
    private const string MessageUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages/";
    private const string ListUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages";
    private const int MaxAnswerBytes = 8 * 1024 * 1024;

    [Fact]
    public async Task A_nested_forward_read_by_its_own_id_yields_none_of_its_childrens_resources()
    {
        // Its children download only through the top-level forward (234003 through any other id), which this answer does not name.
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_nested").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer(
            Item("om_nested", "merge_forward", """{"content":"Merged and Forwarded Message"}""", "om_forward"),
            Item("om_deep_file", "file", """{"file_key":"file_deep","file_name":"deep.txt"}""", "om_nested"))));

        Assert.Empty(await feishu.Client.GetMessageResourcesAsync("om_nested"));
    }

    [Fact]
    public async Task A_message_time_of_zero_is_the_unix_epoch_not_absent()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, ListChatMessagesTests.Page(false, null,
            """{"message_id":"om_1","msg_type":"text","create_time":"0","update_time":0,"chat_id":"oc_1","body":{"content":"{}"}}""")));

        FeishuMessage message = Assert.Single(await feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync());

        Assert.Equal((DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), (message.CreatedOn, message.UpdatedOn));
    }

    [Fact]
    public async Task An_answer_of_exactly_the_bound_that_is_not_a_message_list_says_so_not_that_it_is_too_large()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_odd").Respond(_ => Body(Padded("[1]", MaxAnswerBytes), declaredLength: MaxAnswerBytes));

        FeishuApiException error = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.GetMessageResourcesAsync("om_odd"));

        Assert.Contains("the answer is not a message list", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_declaring_more_than_4_GiB_is_read_up_to_the_bound_and_refused_as_too_large()
    {
        using var feishu = new MockFeishu();
        byte[] body = Padded(Answer(Item("om_huge", "image", """{"image_key":"img_huge"}""")), MaxAnswerBytes + 1);
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_huge").Respond(_ => Body(body, declaredLength: (4L << 30) + 100));

        FeishuApiException error = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.GetMessageResourcesAsync("om_huge"));

        Assert.Contains("the answer is larger than 8 MiB", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The JSON followed by spaces up to <paramref name="length"/> bytes.</summary>
    private static byte[] Padded(string json, int length)
    {
        byte[] body = new byte[length];
        Array.Fill(body, (byte)' ');
        Encoding.UTF8.GetBytes(json, body);
        return body;
    }

    private static HttpResponseMessage Body(byte[] body, long declaredLength)
    {
        var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = declaredLength;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
