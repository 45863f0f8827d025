using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;
using static FeishuResources.Tests.Messages.GetMessageResourcesTests;

namespace FeishuResources.Tests.Messages;

/// <summary>
/// Reading, listing and saving a message's resources never resume on the caller's <see cref="SynchronizationContext"/>:
/// a UI thread or a classic ASP.NET request blocking on them would deadlock. The answers arrive late, so each await
/// the call reaches on the caller's context really suspends.
/// </summary>
public sealed class MessagesSynchronizationContextTests
{
    private const string MessageUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>A user's token: no tenant token is fetched, so nothing but the answer itself can suspend the call.</summary>
    private static readonly FeishuRequestOptions AsUser = new() { AccessToken = "u-user-token" };

    [Fact]
    public async Task Reading_a_message_whose_answer_arrives_late_never_continues_on_the_callers_context()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "/om_1").Respond(_ => Late(Answer(Item("om_1", "image", """{"image_key":"img_1"}"""))));
        var context = new CountingSynchronizationContext();

        IReadOnlyList<FeishuMessageResource> resources = await context.Start(() => feishu.Client.GetMessageResourcesAsync("om_1")).WaitAsync(Bound);

        Assert.Equal("img_1", Assert.Single(resources).Key);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task Reading_a_message_whose_body_arrives_late_never_continues_on_the_callers_context()
    {
        using var feishu = new MockFeishu(client: b => b.ConfigurePrimaryHttpMessageHandler(() => new SlowBodyHandler()));
        var context = new CountingSynchronizationContext();

        IReadOnlyList<FeishuMessageResource> resources = await context.Start(() => feishu.Client.GetMessageResourcesAsync("om_1", AsUser)).WaitAsync(Bound);

        Assert.Equal("img_1", Assert.Single(resources).Key);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task Listing_pages_that_arrive_late_never_continues_on_the_callers_context()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MessageUrl).Respond(_ => Late(ListChatMessagesTests.Page(false, null, """{"message_id":"om_1"}""")));
        var context = new CountingSynchronizationContext();
        await using IAsyncEnumerator<FeishuMessage> messages = feishu.Client.ListChatMessagesAsync("oc_1").GetAsyncEnumerator();

        Assert.True(await context.Start(() => messages.MoveNextAsync().AsTask()).WaitAsync(Bound));

        Assert.Equal("om_1", messages.Current.MessageId);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task Saving_a_messages_resources_never_continues_on_the_callers_context()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "/om_1").Respond(_ => Late(Answer(Item("om_1", "image", """{"image_key":"img_1"}"""))));
        feishu.Http.When(HttpMethod.Get, MessageUrl + "/om_1/resources/img_1").Respond(_ => LateFile());
        var context = new CountingSynchronizationContext();

        FeishuMessageResourceResult result = Assert.Single(await context.Start(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_1", folder.Path)).WaitAsync(Bound));

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task Saving_the_resources_of_a_message_read_at_once_never_continues_on_the_callers_context()
    {
        using var feishu = new MockFeishu(client: b => b.ConfigurePrimaryHttpMessageHandler(() => new MessageAtOnceFilesLateHandler()));
        using var folder = new TempFolder();
        var context = new CountingSynchronizationContext();

        FeishuMessageResourceResult result = Assert.Single(await context.Start(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync(
            "om_1", folder.Path, new FeishuMessageDownloadOptions { RequestOptions = AsUser })).WaitAsync(Bound));

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task Saving_known_resources_one_at_a_time_never_continues_on_the_callers_context()
    {
        // A handler of its own, not MockHttp, whose awaits would post to the context whenever the call reaches it
        // without having suspended before (a race with the token fetch): only the SDK's awaits are counted.
        using var feishu = new MockFeishu(client: b => b.ConfigurePrimaryHttpMessageHandler(() => new MessageAtOnceFilesLateHandler()));
        using var folder = new TempFolder();
        IReadOnlyList<FeishuMessageResource> resources = FeishuMessageContent.Parse("post", """{"title":"t","content":[[{"tag":"img","image_key":"img_1"}],[{"tag":"img","image_key":"img_2"}]]}""", "om_1");
        var context = new CountingSynchronizationContext();

        IReadOnlyList<FeishuMessageResourceResult> results = await context.Start(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync(
            resources, folder.Path, new FeishuMessageDownloadOptions { MaxConcurrency = 1, RequestOptions = AsUser })).WaitAsync(Bound);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Exception?.ToString()));
        Assert.Equal(0, context.Posts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Saving_a_resource_whose_body_arrives_late_never_continues_on_the_callers_context(bool overwrite)
    {
        using var feishu = new MockFeishu(client: b => b.ConfigurePrimaryHttpMessageHandler(() => new SlowBodyHandler()));
        using var folder = new TempFolder();
        IReadOnlyList<FeishuMessageResource> resources = FeishuMessageContent.Parse("image", """{"image_key":"img_1"}""", "om_1");
        var context = new CountingSynchronizationContext();

        FeishuMessageResourceResult result = Assert.Single(await context.Start(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync(
            resources, folder.Path, new FeishuMessageDownloadOptions { OverwriteExisting = overwrite, RequestOptions = AsUser })).WaitAsync(Bound));

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal(0, context.Posts);
    }

    private static async Task<HttpResponseMessage> Late(string json)
    {
        await Task.Delay(20).ConfigureAwait(false);
        return MockFeishu.Json(HttpStatusCode.OK, json);
    }

    private static async Task<HttpResponseMessage> LateFile()
    {
        await Task.Delay(20).ConfigureAwait(false);
        return MockFeishu.File([1, 2, 3], "image/png");
    }

    /// <summary>
    /// Answers at once, with a body whose reads complete later: an image for a resource, or the message padded past
    /// the start the SDK peeks at (to tell an error from JSON), whose reads after that start complete later.
    /// </summary>
    private sealed class SlowBodyHandler : HttpMessageHandler
    {
        private const int PeekedBytes = 80 * 1024;

        private static readonly byte[] PaddedAnswer = Encoding.UTF8.GetBytes(Answer(Item("om_1", "image", """{"image_key":"img_1"}""")) + new string(' ', 2 * PeekedBytes));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool resource = request.RequestUri!.AbsolutePath.Contains("/resources/", StringComparison.Ordinal);
            var content = new StreamContent(resource ? new DelayedReadStream([1, 2, 3]) : new DelayedReadStream(PaddedAnswer, PeekedBytes));
            content.Headers.ContentType = new MediaTypeHeaderValue(resource ? "image/png" : "application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content });
        }
    }

    /// <summary>Answers the message at once and each resource later: reading completes before saving begins.</summary>
    private sealed class MessageAtOnceFilesLateHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.Contains("/resources/", StringComparison.Ordinal))
            {
                return MockFeishu.Json(HttpStatusCode.OK, Answer(Item("om_1", "image", """{"image_key":"img_1"}""")));
            }

            HttpResponseMessage file = await LateFile().ConfigureAwait(false);
            file.RequestMessage = request;
            return file;
        }
    }
}
