using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Messages;

/// <summary>
/// <see cref="IFeishuResourceClient.GetMessageResourcesAsync(string, CancellationToken)"/>: one
/// <c>GET /open-apis/im/v1/messages/{message_id}</c> through the SDK's handlers, its content parsed.
/// </summary>
public sealed class GetMessageResourcesTests
{
    private const string MessageUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages/";

    /// <summary>One message item as the get API returns it: the content a JSON string inside the JSON.</summary>
    public static string Item(string messageId, string messageType, string content, string? upperMessageId = null)
        => $$"""{"message_id":"{{messageId}}","msg_type":"{{messageType}}","create_time":"1722238025751","deleted":false,"chat_id":"oc_1","sender":{"id":"ou_1","id_type":"open_id","sender_type":"user"},"body":{"content":{{System.Text.Json.JsonSerializer.Serialize(content)}}}{{(upperMessageId is null ? "" : ",\"upper_message_id\":\"" + upperMessageId + "\"")}}}""";

    public static string Answer(params string[] items) => """{"code":0,"msg":"success","data":{"items":[""" + string.Join(",", items) + "]}}";

    [Fact]
    public async Task Fetches_the_message_with_the_token_and_returns_its_resources()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_file").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer(Item("om_file", "file", """{"file_key":"file_v3_a","file_name":"季度报告.pdf"}"""))));

        FeishuMessageResource file = Assert.Single(await feishu.Client.GetMessageResourcesAsync("om_file"));

        Assert.Equal(("file_v3_a", FeishuResourceType.File, "季度报告.pdf"), (file.Key, file.Type!.Value, file.FileName));
        Assert.Equal(("om_file", "om_file"), (file.MessageId, file.DownloadMessageId));
        SentRequest sent = Assert.Single(feishu.SentTo("/im/v1/messages/"));
        Assert.Equal("Bearer t-token-1", sent.Authorization);
        Assert.Equal("/open-apis/im/v1/messages/om_file", sent.Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_merge_forward_yields_its_sub_messages_resources_to_be_fetched_through_the_container()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_forward").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer(
            Item("om_forward", "merge_forward", """{"content":"Merged and Forwarded Message"}"""),
            Item("om_sub_image", "image", """{"image_key":"img_sub"}""", "om_forward"),
            Item("om_nested", "merge_forward", """{"content":"Merged and Forwarded Message"}""", "om_forward"),
            Item("om_deep_file", "file", """{"file_key":"file_deep","file_name":"deep.txt"}""", "om_nested"),
            Item("om_forward", "merge_forward", """{"content":"Merged and Forwarded Message"}"""),
            Item("om_sub_image", "image", """{"image_key":"img_sub"}""", "om_forward"))));

        IReadOnlyList<FeishuMessageResource> resources = await feishu.Client.GetMessageResourcesAsync("om_forward");

        Assert.Equal(
            [("img_sub", "om_sub_image", "om_forward"), ("file_deep", "om_deep_file", "om_forward")],
            resources.Select(r => (r.Key, r.MessageId!, r.DownloadMessageId!)));
    }

    [Fact]
    public async Task A_merge_forward_whose_container_states_an_empty_upper_message_id_is_still_read_as_a_forward()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_forward").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer(
            Item("om_forward", "merge_forward", """{"content":"Merged and Forwarded Message"}""", upperMessageId: ""),
            Item("om_sub_file", "file", """{"file_key":"file_sub","file_name":"sub.txt"}""", "om_forward"))));

        FeishuMessageResource file = Assert.Single(await feishu.Client.GetMessageResourcesAsync("om_forward"));

        Assert.Equal(("file_sub", "om_sub_file", "om_forward"), (file.Key, file.MessageId!, file.DownloadMessageId!));
    }

    [Fact]
    public async Task A_forwarded_message_read_by_its_own_id_yields_its_resources_through_that_id()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_sub").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer(
            Item("om_sub", "image", """{"image_key":"img_sub"}""", "om_forward"))));

        FeishuMessageResource image = Assert.Single(await feishu.Client.GetMessageResourcesAsync("om_sub"));

        Assert.Equal(("img_sub", "om_sub"), (image.Key, image.DownloadMessageId));
    }

    [Fact]
    public async Task Escapes_the_message_id_as_one_path_segment()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "*").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer()));

        Assert.Empty(await feishu.Client.GetMessageResourcesAsync("om_a/b?c"));

        Assert.Equal(MessageUrl + "om_a%2Fb%3Fc", Assert.Single(feishu.SentTo("/im/v1/messages/")).OriginalString);
    }

    [Theory]
    [InlineData(230110, typeof(FeishuResourceNotFoundException), "deleted")]
    [InlineData(230002, typeof(FeishuPermissionDeniedException), "Add the bot to the chat")]
    [InlineData(230027, typeof(FeishuPermissionDeniedException), "im:message")]
    [InlineData(230006, typeof(FeishuPermissionDeniedException), "bot")]
    [InlineData(230050, typeof(FeishuPermissionDeniedException), "invisible")]
    [InlineData(230001, typeof(FeishuInvalidRequestException), "message id")]
    public async Task Get_message_errors_become_typed_exceptions_that_say_what_to_do(int code, Type expected, string advice)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_refused").Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(code)));

        FeishuApiException error = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.GetMessageResourcesAsync("om_refused"));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.Code);
        Assert.Contains(advice, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("om_refused", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("..")]
    public async Task A_bad_message_id_is_refused_before_any_request(string? messageId)
    {
        using var feishu = new MockFeishu();

        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.GetMessageResourcesAsync(messageId!));

        Assert.Equal("messageId", error.ParamName);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task Takes_its_permit_from_the_get_message_quota_not_from_the_downloads()
    {
        var quota = new RecordingQuota();
        using var feishu = new MockFeishu(o => o.RateLimit.Enabled = true, client: b => b.Services.AddSingleton<IFeishuQuota>(quota));
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_q").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer()));

        await feishu.Client.GetMessageResourcesAsync("om_q");

        Assert.Equal(new FeishuRateLimitPartition(MockFeishu.AppId, FeishuApi.Messages), Assert.Single(quota.Partitions));
    }

    [Fact]
    public async Task An_answer_that_is_not_a_message_list_fails_with_the_log_id_and_no_resources()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_odd").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, "{\"code\":0,\"data\":[1,2"));

        FeishuApiException error = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.GetMessageResourcesAsync("om_odd"));

        Assert.Equal("20260207205010ACF56EC4AA70B6F48FE5", error.LogId);
        Assert.Contains("om_odd", error.Message, StringComparison.Ordinal);
    }

    internal sealed class RecordingQuota : IFeishuQuota
    {
        public List<FeishuRateLimitPartition> Partitions { get; } = [];

        public ValueTask<RateLimitLease> AcquireAsync(FeishuRateLimitPartition partition, FeishuRateLimitOptions limits, CancellationToken cancellationToken)
        {
            lock (Partitions)
            {
                Partitions.Add(partition);
            }

            return new ValueTask<RateLimitLease>(new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 }).AttemptAcquire());
        }

        public void Pause(FeishuRateLimitPartition partition, TimeSpan duration)
        {
        }
    }
}
