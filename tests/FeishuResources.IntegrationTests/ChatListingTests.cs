using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>
/// The SDK's listing of chats and threads against the emulator's list API: pages, time ranges, order, threads,
/// the list quota and its errors, over real sockets.
/// </summary>
public sealed class ChatListingTests
{
    private const string Chat = "oc_listing";

    [Fact]
    public async Task A_seeded_chat_of_thousands_of_messages_is_listed_whole_in_pages_of_fifty_with_every_resource()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        IReadOnlyList<FeishuEmulatorChatResource> seeded = feishu.Emulator.SeedChat(Chat, new FeishuEmulatorChatOptions { MessageCount = 2000, ResourceCount = 1200, ThreadCount = 10, MaxResourceBytes = 2048 });

        List<FeishuMessage> messages = await feishu.Client.ListChatMessagesAsync(Chat).ToListAsync();

        // Thread replies are not in the chat's listing: 10 threads × 3 replies.
        Assert.Equal(2000 - 30, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.True(messages.Zip(messages.Skip(1)).All(p => p.First.CreatedOn <= p.Second.CreatedOn));
        Assert.Equal((messages.Count + 49) / 50, feishu.Emulator.Traffic.CountRequests(FeishuEmulatorApi.MessageList));
        Assert.Contains(messages, m => m.MessageType == "merge_forward");
        Assert.Contains(messages, m => m.MessageType == "sticker");
        Assert.Equal(10, messages.Count(m => m.ThreadId is not null));
        int listedResources = messages.Sum(m => m.Resources.Count(r => r.IsDownloadable && r.Kind != FeishuMessageResourceKind.VideoCover));
        int forwards = messages.Count(m => m.MessageType == "merge_forward");
        var listed = messages.Select(m => m.MessageId).ToHashSet();
        int inThreadReplies = seeded.Count(r => !listed.Contains(r.MessageId));
        Assert.Equal(seeded.Count, listedResources + forwards + inThreadReplies);
    }

    [Fact]
    public async Task A_thread_lists_its_first_message_and_every_reply()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.SeedChat(Chat, new FeishuEmulatorChatOptions { MessageCount = 40, ResourceCount = 40, ThreadCount = 2 });
        FeishuMessage root = await feishu.Client.ListChatMessagesAsync(Chat).FirstAsync(m => m.ThreadId is not null);

        List<FeishuMessage> thread = await feishu.Client.ListThreadMessagesAsync(root.ThreadId!, new FeishuMessageListOptions { PageSize = 2 }).ToListAsync();

        Assert.Equal(4, thread.Count);
        Assert.Equal(root.MessageId, thread[0].MessageId);
        Assert.All(thread, m => Assert.Equal(root.ThreadId, m.ThreadId));
        Assert.All(thread, m => Assert.NotEmpty(m.Resources));
    }

    [Fact]
    public async Task A_time_range_and_newest_first_select_and_order_the_messages()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        var options = new FeishuEmulatorChatOptions { MessageCount = 120, ResourceCount = 0, Interval = TimeSpan.FromMinutes(1) };
        feishu.Emulator.SeedChat(Chat, options);

        List<FeishuMessage> window = await feishu.Client.ListChatMessagesAsync(Chat, new FeishuMessageListOptions
        {
            StartTime = options.FirstMessageTime.AddMinutes(10),
            EndTime = options.FirstMessageTime.AddMinutes(69),
            SortOrder = FeishuMessageSortOrder.Descending,
        }).ToListAsync();

        Assert.Equal(60, window.Count);
        Assert.Equal(options.FirstMessageTime.AddMinutes(69), window[0].CreatedOn);
        Assert.Equal(options.FirstMessageTime.AddMinutes(10), window[^1].CreatedOn);
    }

    [Fact]
    public async Task Messages_added_while_paging_are_neither_repeated_nor_skipped_and_show_in_the_next_listing()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.SeedChat(Chat, new FeishuEmulatorChatOptions { MessageCount = 120, ResourceCount = 10 });
        var seen = new List<string>();

        await foreach (FeishuMessage message in feishu.Client.ListChatMessagesAsync(Chat))
        {
            seen.Add(message.MessageId);
            if (seen.Count == 60)
            {
                feishu.Emulator.AddChatMessage(Chat, "om_late", "text", """{"text":"late"}""", new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
            }
        }

        Assert.Equal(121, seen.Count);
        Assert.Equal(121, seen.Distinct().Count());
        Assert.Equal("om_late", seen[^1]);
    }

    [Fact]
    public async Task The_list_quota_is_its_own_and_a_burst_of_pages_gets_no_429()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(new FeishuEmulatorOptions { RequestsPerSecond = 5, RequestsPerMinute = 1000 }, sdk =>
        {
            sdk.RateLimit.PermitsPerSecond = 5;
            sdk.RateLimit.SafetyMargin = TimeSpan.FromMilliseconds(50);
        });
        feishu.Emulator.SeedChat(Chat, new FeishuEmulatorChatOptions { MessageCount = 8 * 5, ResourceCount = 0 });

        List<FeishuMessage> messages = await feishu.Client.ListChatMessagesAsync(Chat, new FeishuMessageListOptions { PageSize = 5 }).ToListAsync();

        Assert.Equal(40, messages.Count);
        Assert.Equal(8, feishu.Emulator.Traffic.CountRequests(FeishuEmulatorApi.MessageList));
        Assert.Equal(0, feishu.Emulator.Traffic.RateLimitedResponses);
    }

    [Fact]
    public async Task An_unknown_chat_is_the_bot_not_in_it_and_an_injected_refusal_reaches_the_caller()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddChatMessage(Chat, "om_1", "text", "{}", threadId: "omt_1");
        feishu.Emulator.Faults.FailWith(230073, "omt_1", times: 1);

        var unknown = await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => feishu.Client.ListChatMessagesAsync("oc_unknown").ToListAsync().AsTask());
        var hidden = await Assert.ThrowsAsync<FeishuPermissionDeniedException>(() => feishu.Client.ListThreadMessagesAsync("omt_1").ToListAsync().AsTask());

        Assert.Equal(FeishuErrorCodes.BotNotInChat, unknown.Code);
        Assert.Equal(FeishuErrorCodes.ThreadInvisibleToOperator, hidden.Code);
        Assert.Single(await feishu.Client.ListThreadMessagesAsync("omt_1").ToListAsync());
    }

    [Theory]
    [InlineData("container_id_type=group&container_id=oc_listing")]
    [InlineData("container_id_type=chat&container_id=oc_listing&page_size=51")]
    [InlineData("container_id_type=thread&container_id=omt_1&start_time=1")]
    [InlineData("container_id_type=chat&container_id=oc_listing&page_token=forged")]
    [InlineData("container_id_type=chat&container_id=oc_listing&sort_type=ByCreateTimeDesc&page_token=pt_a_1_1")]
    public async Task Bad_list_parameters_answer_230001_on_the_wire(string query)
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();
        emulator.AddChatMessage(Chat, "om_1", "text", "{}", threadId: "omt_1");
        using HttpClient http = RawFeishu.CreateClient(emulator);
        string token = await RawFeishu.GetTokenAsync(http, emulator);

        using HttpResponseMessage response = await http.SendAsync(RawFeishu.Get("/open-apis/im/v1/messages?" + query, token));

        Assert.Equal(230001, await RawFeishu.ReadCodeAsync(response));
        Assert.Equal(400, (int)response.StatusCode);
    }
}
