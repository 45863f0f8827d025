using System.Net;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using FeishuResources.Tests.TestSupport;
using Xunit;
using static FeishuResources.Tests.Messages.GetMessageResourcesTests;

namespace FeishuResources.Tests.Messages;

/// <summary>
/// <see cref="IFeishuResourceClient.ListChatMessagesAsync"/> and <see cref="IFeishuResourceClient.ListThreadMessagesAsync"/>:
/// <c>GET /open-apis/im/v1/messages</c> page by page through the SDK's handlers.
/// </summary>
public sealed class ListChatMessagesTests
{
    private const string ListUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages";

    [Fact]
    public async Task Follows_the_page_token_until_has_more_is_false_asking_for_the_largest_pages()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).WithQueryString("page_token", "p2")
            .Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Page(false, null, Item("om_3", "text", """{"text":"hi"}"""))));
        feishu.Http.When(HttpMethod.Get, ListUrl)
            .Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Page(true, "p2",
                Item("om_1", "file", """{"file_key":"file_a","file_name":"a.pdf"}"""),
                """{"message_id":"om_2","msg_type":"image","create_time":"1722238025751","update_time":"1722238026000","chat_id":"oc_1","thread_id":"omt_1","root_id":"om_1","parent_id":"om_1","deleted":true,"updated":true,"sender":{"id":"cli_bot","id_type":"app_id","sender_type":"app"},"body":{"content":"{\"image_key\":\"img_b\"}"}}""")));

        List<FeishuMessage> messages = await feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync();

        Assert.Equal(["om_1", "om_2", "om_3"], messages.Select(m => m.MessageId));
        FeishuMessage image = messages[1];
        Assert.Equal(("image", "oc_1", "omt_1", "om_1", "om_1", "cli_bot", "app"), (image.MessageType, image.ChatId, image.ThreadId, image.RootId, image.ParentId, image.SenderId, image.SenderType));
        Assert.Equal((true, true), (image.IsDeleted, image.IsUpdated));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1722238025751), image.CreatedOn);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1722238026000), image.UpdatedOn);
        Assert.Equal(("img_b", "om_2"), (Assert.Single(image.Resources).Key, image.Resources[0].DownloadMessageId));
        Assert.Equal("a.pdf", Assert.Single(messages[0].Resources).FileName);
        Assert.Null(messages[0].ThreadId);

        IReadOnlyList<SentRequest> sent = feishu.SentTo("/im/v1/messages");
        Assert.Equal(2, sent.Count);
        var first = HttpUtility.ParseQueryString(sent[0].Uri.Query);
        Assert.Equal(("chat", "oc_1", "ByCreateTimeAsc", "50", null), (first["container_id_type"], first["container_id"], first["sort_type"], first["page_size"], first["page_token"]));
        Assert.Null(first["start_time"]);
        Assert.Equal("p2", HttpUtility.ParseQueryString(sent[1].Uri.Query)["page_token"]);
        Assert.Equal("Bearer t-token-1", sent[0].Authorization);
    }

    [Fact]
    public async Task The_time_range_goes_in_epoch_seconds_and_newest_first_is_asked_as_such()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Page(false, null)));

        await feishu.Client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions
        {
            StartTime = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_900),
            EndTime = DateTimeOffset.FromUnixTimeSeconds(1_700_086_400),
            SortOrder = FeishuMessageSortOrder.Descending,
            PageSize = 20,
        }).ToListAsync();

        var query = HttpUtility.ParseQueryString(Assert.Single(feishu.SentTo("/im/v1/messages")).Uri.Query);
        Assert.Equal(("1700000000", "1700086400", "ByCreateTimeDesc", "20"), (query["start_time"], query["end_time"], query["sort_type"], query["page_size"]));
    }

    [Fact]
    public async Task A_thread_is_listed_by_its_thread_id()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Page(false, null, Item("om_reply", "image", """{"image_key":"img_r"}"""))));

        FeishuMessage reply = Assert.Single(await feishu.Client.ListThreadMessagesAsync("omt_1").ToListAsync());

        Assert.Equal("om_reply", reply.MessageId);
        var query = HttpUtility.ParseQueryString(Assert.Single(feishu.SentTo("/im/v1/messages")).Uri.Query);
        Assert.Equal(("thread", "omt_1"), (query["container_id_type"], query["container_id"]));
    }

    [Fact]
    public void Bad_arguments_are_refused_by_the_call_before_any_request()
    {
        using var feishu = new MockFeishu();
        IFeishuResourceClient client = feishu.Client;

        Assert.Equal("chatId", Assert.ThrowsAny<ArgumentException>(() => client.ListChatMessagesAsync(" ")).ParamName);
        Assert.Equal("threadId", Assert.ThrowsAny<ArgumentException>(() => client.ListThreadMessagesAsync(null!)).ParamName);
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions { PageSize = 51 })).ParamName);
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions { PageSize = 0 })).ParamName);
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions { SortOrder = (FeishuMessageSortOrder)7 })).ParamName);
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions { StartTime = DateTimeOffset.UnixEpoch.AddDays(2), EndTime = DateTimeOffset.UnixEpoch.AddDays(1) })).ParamName);
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => client.ListThreadMessagesAsync("omt_1", new FeishuMessageListOptions { StartTime = DateTimeOffset.UnixEpoch })).ParamName);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task Cancelling_between_pages_sends_no_further_request()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Page(true, "next", Item("om_1", "text", "{}"))));
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (FeishuMessage _ in feishu.Client.ListChatMessagesAsync("oc_1").WithCancellation(cancel.Token))
            {
                cancel.Cancel();
            }
        });

        Assert.Single(feishu.SentTo("/im/v1/messages"));
    }

    [Fact]
    public async Task A_refused_page_throws_its_typed_exception()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).WithQueryString("container_id_type", "chat").Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(230002)));
        feishu.Http.When(HttpMethod.Get, ListUrl).WithQueryString("container_id_type", "thread").Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(230073)));

        var notInChat = await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => feishu.Client.ListChatMessagesAsync("oc_gone").ToListAsync().AsTask());
        var hiddenThread = await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => feishu.Client.ListThreadMessagesAsync("omt_old").ToListAsync().AsTask());

        Assert.Equal(FeishuErrorCodes.BotNotInChat, notInChat.Code);
        Assert.Equal(FeishuErrorCodes.ThreadInvisibleToOperator, hiddenThread.Code);
        Assert.StartsWith("Feishu refused to list the messages of 'oc_gone'", notInChat.Message, StringComparison.Ordinal);
        Assert.StartsWith("Feishu refused to list the messages of 'omt_old'", hiddenThread.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_pages_without_a_cursor_fail_instead_of_reading_the_first_page_again()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Page(true, null, Item("om_1", "text", "{}"))));

        FeishuApiException error = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync().AsTask());

        Assert.Contains("page_token", error.Message, StringComparison.Ordinal);
        Assert.Single(feishu.SentTo("/im/v1/messages"));
    }

    [Fact]
    public async Task The_next_page_token_name_is_accepted_as_the_cursor()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).WithQueryString("page_token", "n2").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Page(false, null, Item("om_2", "text", "{}"))));
        feishu.Http.When(HttpMethod.Get, ListUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK,
            """{"code":0,"msg":"success","data":{"has_more":true,"next_page_token":"n2","items":[""" + Item("om_1", "text", "{}") + "]}}"));

        Assert.Equal(["om_1", "om_2"], (await feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync()).Select(m => m.MessageId));
    }

    [Fact]
    public async Task Takes_its_permits_from_the_list_quota()
    {
        var quota = new RecordingQuota();
        using var feishu = new MockFeishu(o => o.RateLimit.Enabled = true, client: b => b.Services.AddSingleton<IFeishuQuota>(quota));
        feishu.Http.When(HttpMethod.Get, ListUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Page(false, null)));

        await feishu.Client.ListChatMessagesAsync("oc_1").ToListAsync();

        Assert.Equal(new FeishuRateLimitPartition(MockFeishu.AppId, FeishuApi.MessageList), Assert.Single(quota.Partitions));
    }

    [Fact]
    public void A_disposed_standalone_client_refuses_to_list()
    {
        FeishuResourceClient client = FeishuResourceClient.Create(new FeishuResourcesOptions { AppId = "cli_x", AppSecret = "secret" });
        client.Dispose();

        Assert.Throws<ObjectDisposedException>(() => client.ListChatMessagesAsync("oc_1"));
    }

    [Fact]
    public void The_model_factory_builds_a_message_whose_resources_come_from_its_content()
    {
        FeishuMessage message = FeishuResourcesModelFactory.Message("om_fake", "file", """{"file_key":"file_x","file_name":"x.pdf"}""", DateTimeOffset.UnixEpoch, "oc_1", senderId: "ou_1");

        FeishuMessageResource file = Assert.Single(message.Resources);
        Assert.Equal(("file_x", "x.pdf", "om_fake"), (file.Key, file.FileName, file.DownloadMessageId));
        Assert.Equal(("oc_1", "ou_1", DateTimeOffset.UnixEpoch), (message.ChatId!, message.SenderId!, message.CreatedOn!.Value));
        Assert.Equal("messageId", Assert.ThrowsAny<ArgumentException>(() => FeishuResourcesModelFactory.Message(" ")).ParamName);
    }

    internal static string Page(bool hasMore, string? pageToken, params string[] items)
        => """{"code":0,"msg":"success","data":{"has_more":""" + (hasMore ? "true" : "false") + (pageToken is null ? "" : ",\"page_token\":\"" + pageToken + "\"") + ",\"items\":[" + string.Join(",", items) + "]}}";
}
