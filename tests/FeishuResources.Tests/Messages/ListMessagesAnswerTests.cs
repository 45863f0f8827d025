using System.Net;
using System.Web;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;
using static FeishuResources.Tests.Messages.ListChatMessagesTests;

namespace FeishuResources.Tests.Messages;

/// <summary>
/// What a listing makes of pages that are odd but possible (fields missing, empty, of another JSON kind, at their
/// bounds), and the limits of its options.
/// </summary>
public sealed class ListMessagesAnswerTests
{
    private const string ListUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages";

    /// <summary>The last millisecond of the year 9999, the latest time a <see cref="DateTimeOffset"/> holds.</summary>
    private const long LastMillisecond = 253_402_300_799_999L;

    [Fact]
    public async Task Items_without_an_id_are_skipped_and_missing_fields_are_absent_not_empty()
    {
        using var feishu = new MockFeishu();
        Answer(feishu, """{"code":0,"data":{"has_more":false,"items":[{"msg_type":"text"},{"message_id":"","msg_type":"text"},{"message_id":"om_1","thread_id":"","root_id":"","parent_id":"","deleted":false,"updated":"true"}]}}""");

        FeishuMessage message = Assert.Single(await feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync());

        Assert.Equal(("om_1", string.Empty), (message.MessageId, message.MessageType));
        Assert.Equal((null, null, null), (message.ThreadId, message.RootId, message.ParentId));
        Assert.Equal((false, false), (message.IsDeleted, message.IsUpdated));
        Assert.Equal((null, null, null, null), (message.SenderId, message.SenderType, message.Content, message.CreatedOn));
        Assert.Empty(message.Resources);
    }

    [Theory]
    [InlineData("""{"code":0,"data":{"has_more":false}}""")]
    [InlineData("""{"code":0,"data":{"has_more":false,"items":null}}""")]
    [InlineData("""{"code":0,"data":{"has_more":false,"items":{"message_id":"om_1"}}}""")]
    public async Task A_page_without_a_list_of_items_has_no_messages(string page)
    {
        using var feishu = new MockFeishu();
        Answer(feishu, page);

        Assert.Empty(await feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync());
    }

    [Fact]
    public async Task Times_sent_as_numbers_are_read_and_times_that_are_no_time_are_absent()
    {
        using var feishu = new MockFeishu();
        Answer(feishu, Page(false, null,
            "{\"message_id\":\"om_number\",\"create_time\":1722238025751,\"update_time\":" + LastMillisecond + "}",
            "{\"message_id\":\"om_beyond\",\"create_time\":\"" + (LastMillisecond + 1) + "\",\"update_time\":\"" + LastMillisecond + "\"}",
            """{"message_id":"om_odd","create_time":"soon","update_time":true}""",
            """{"message_id":"om_negative","create_time":-1,"update_time":-99999999999999}"""));

        List<FeishuMessage> messages = await feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync();

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1722238025751), messages[0].CreatedOn);
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), messages[0].UpdatedOn!.Value.ToUnixTimeMilliseconds());
        Assert.Null(messages[1].CreatedOn);
        Assert.Equal(LastMillisecond, messages[1].UpdatedOn!.Value.ToUnixTimeMilliseconds());
        Assert.Equal((null, null), (messages[2].CreatedOn, messages[2].UpdatedOn));
        Assert.Equal((null, null), (messages[3].CreatedOn, messages[3].UpdatedOn));
    }

    [Fact]
    public async Task An_empty_page_token_gives_way_to_the_next_page_token()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).WithQueryString("page_token", "n2").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Page(false, null, """{"message_id":"om_2"}""")));
        Answer(feishu, """{"code":0,"data":{"has_more":true,"page_token":"","next_page_token":"n2","items":[{"message_id":"om_1"}]}}""");

        Assert.Equal(["om_1", "om_2"], (await feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync()).Select(m => m.MessageId));
    }

    [Fact]
    public async Task More_pages_with_an_empty_cursor_fail_naming_the_listing_instead_of_asking_with_an_empty_token()
    {
        using var feishu = new MockFeishu();

        int pages = 0;

        // Were the empty token sent, the second answer would end the listing quietly.
        feishu.Http.When(HttpMethod.Get, ListUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Interlocked.Increment(ref pages) == 1
            ? """{"code":0,"data":{"has_more":true,"page_token":"","next_page_token":"","items":[{"message_id":"om_1"}]}}"""
            : Page(false, null)));

        FeishuApiException error = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync().AsTask());

        Assert.Contains("Feishu's answer for the messages of 'oc_1' could not be read", error.Message, StringComparison.Ordinal);
        Assert.Contains("gives no page_token", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Single(feishu.SentTo("/im/v1/messages"));
    }

    [Fact]
    public async Task The_page_token_is_sent_escaped()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).WithQueryString("page_token", "a+b&c=d/").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Page(false, null)));
        Answer(feishu, Page(true, "a+b&c=d/"));

        await feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync();

        Assert.Equal("a+b&c=d/", HttpUtility.ParseQueryString(feishu.SentTo("/im/v1/messages")[1].Uri.Query)["page_token"]);
    }

    [Fact]
    public async Task The_smallest_page_an_instant_as_range_and_a_time_before_1970_are_accepted()
    {
        using var feishu = new MockFeishu();
        Answer(feishu, Page(false, null));
        DateTimeOffset instant = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        await feishu.Client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions { PageSize = 1, StartTime = instant, EndTime = instant }).ToListAsync();
        await feishu.Client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions { StartTime = DateTimeOffset.UnixEpoch.AddDays(-1) }).ToListAsync();

        IReadOnlyList<SentRequest> sent = feishu.SentTo("/im/v1/messages");
        var first = HttpUtility.ParseQueryString(sent[0].Uri.Query);
        Assert.Equal(("1", "1700000000", "1700000000"), (first["page_size"], first["start_time"], first["end_time"]));
        Assert.Equal("0", HttpUtility.ParseQueryString(sent[1].Uri.Query)["start_time"]);
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_a_message_that_says_what_is_allowed()
    {
        using var feishu = new MockFeishu();
        IFeishuResourceClient client = feishu.Client;

        Assert.Contains("PageSize must be between 1 and 50", Assert.ThrowsAny<ArgumentException>(() => client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions { PageSize = 51 })).Message, StringComparison.Ordinal);
        Assert.Contains("SortOrder is not a defined value", Assert.ThrowsAny<ArgumentException>(() => client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions { SortOrder = (FeishuMessageSortOrder)7 })).Message, StringComparison.Ordinal);
        Assert.Contains("StartTime is after EndTime", Assert.ThrowsAny<ArgumentException>(() => client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions { StartTime = DateTimeOffset.UnixEpoch.AddSeconds(1), EndTime = DateTimeOffset.UnixEpoch })).Message, StringComparison.Ordinal);
        ArgumentException threadRange = Assert.ThrowsAny<ArgumentException>(() => client.ListThreadMessagesAsync("omt_1", new FeishuMessageListOptions { EndTime = DateTimeOffset.UnixEpoch }));
        Assert.Equal("options", threadRange.ParamName);
        Assert.Contains("without a time range", threadRange.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public void Bad_request_options_and_a_store_app_without_a_tenant_are_refused_naming_the_options()
    {
        using var feishu = new MockFeishu();
        using var store = new MockFeishu(o => o.AppType = FeishuAppType.Store, tokenEndpoint: false);
        var unsendable = new FeishuMessageListOptions { RequestOptions = new FeishuRequestOptions { AccessToken = "u-token\r\nX: y" } };

        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => feishu.Client.ListChatMessagesAsync("oc_1", unsendable)).ParamName);
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => store.Client.ListThreadMessagesAsync("omt_1")).ParamName);
        Assert.Empty(feishu.Sent);
        Assert.Empty(store.Sent);
    }

    private static void Answer(MockFeishu feishu, string page)
        => feishu.Http.When(HttpMethod.Get, ListUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, page));
}
