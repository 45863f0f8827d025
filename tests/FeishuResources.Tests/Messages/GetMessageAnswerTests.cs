using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;
using static FeishuResources.Tests.Messages.GetMessageResourcesTests;

namespace FeishuResources.Tests.Messages;

/// <summary>
/// What reading a message makes of answers that are not the message list it asked for — another JSON shape, an
/// empty body, one past the size bound — and of per-call options it cannot send.
/// </summary>
public sealed class GetMessageAnswerTests
{
    private const string MessageUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages/";

    /// <summary>The bound on an answer (8 MiB); a merge-forward of hundreds of messages is far below it.</summary>
    private const int MaxAnswerBytes = 8 * 1024 * 1024;

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("""{"code":0}""")]
    [InlineData("""{"code":0,"data":[1,2]}""")]
    [InlineData("""{"code":0,"data":"om_1"}""")]
    public async Task An_answer_without_a_data_object_fails_naming_the_message_and_showing_the_answer(string answer)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_odd").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, answer));

        FeishuApiException error = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.GetMessageResourcesAsync("om_odd"));

        Assert.Contains("Feishu's answer for the message 'om_odd' could not be read", error.Message, StringComparison.Ordinal);
        Assert.Contains("the answer is not a message list", error.Message, StringComparison.Ordinal);
        Assert.Equal(answer, error.Error.ResponseBody);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task An_empty_answer_fails_without_a_body_to_show()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_empty").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, string.Empty));

        FeishuApiException error = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.GetMessageResourcesAsync("om_empty"));

        Assert.Null(error.Error.ResponseBody);
        Assert.Contains("om_empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"code":0,"data":{}}""")]
    [InlineData("""{"code":0,"data":{"items":null}}""")]
    [InlineData("""{"code":0,"data":{"items":{"message_id":"om_1"}}}""")]
    [InlineData("""{"code":0,"data":{"items":[{"msg_type":"image","body":{"content":"{\"image_key\":\"img_1\"}"}},{"message_id":"om_1","msg_type":"image"}]}}""")]
    public async Task A_data_object_without_items_or_content_has_no_resources(string answer)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_1").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, answer));

        Assert.Empty(await feishu.Client.GetMessageResourcesAsync("om_1"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_of_exactly_the_bound_is_read_with_or_without_a_declared_length(bool declared)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_big").Respond(_ => Padded(Answer(Item("om_big", "image", """{"image_key":"img_big"}""")), MaxAnswerBytes, declared));

        Assert.Equal("img_big", Assert.Single(await feishu.Client.GetMessageResourcesAsync("om_big")).Key);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_one_byte_past_the_bound_fails_saying_so_and_shows_only_its_start(bool declared)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_huge").Respond(_ => Padded(Answer(Item("om_huge", "image", """{"image_key":"img_huge"}""")), MaxAnswerBytes + 1, declared));

        FeishuApiException error = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.GetMessageResourcesAsync("om_huge"));

        Assert.Contains("the answer is larger than 8 MiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(64 * 1024, error.Error.ResponseBody!.Length);
    }

    [Fact]
    public async Task Unsendable_request_options_and_a_store_app_without_a_tenant_are_refused_before_any_request()
    {
        using var feishu = new MockFeishu();
        using var store = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);

        Assert.Equal("requestOptions", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.GetMessageResourcesAsync("om_1", new FeishuRequestOptions { AccessToken = "u-token\nX: y" }))).ParamName);
        Assert.Equal("requestOptions", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.Client.GetMessageResourcesAsync("om_1", new FeishuRequestOptions()))).ParamName);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Client.GetMessageResourcesAsync("om_1"));
        Assert.Empty(feishu.Sent);
        Assert.Empty(store.Sent);
    }

    /// <summary>The JSON followed by spaces up to <paramref name="length"/> bytes: still the same JSON, only longer.</summary>
    private static HttpResponseMessage Padded(string json, int length, bool declared)
    {
        byte[] body = new byte[length];
        Array.Fill(body, (byte)' ');
        Encoding.UTF8.GetBytes(json, body);
        HttpContent content = declared ? new ByteArrayContent(body) : new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
