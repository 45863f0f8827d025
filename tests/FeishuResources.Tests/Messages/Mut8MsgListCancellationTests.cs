using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;
using static FeishuResources.Tests.Messages.GetMessageResourcesTests;

namespace FeishuResources.Tests.Messages;

/// <summary>Cancelling a listing between two pages, as a caller that checks its own cancellation sees it.</summary>
public sealed class Mut8MsgListCancellationTests
{
    private const string ListUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages";

    [Fact]
    public async Task Cancelling_between_pages_throws_a_plain_OperationCanceledException_with_the_callers_token()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, ListUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, ListChatMessagesTests.Page(true, "next", Item("om_1", "text", "{}"))));
        using var cancel = new CancellationTokenSource();

        // Exactly OperationCanceledException, as Assert.ThrowsAsync<OperationCanceledException> in a caller's own test expects:
        // the listing stops before building the next request, not inside HttpClient (which would throw TaskCanceledException).
        OperationCanceledException error = await Assert.ThrowsAsync<OperationCanceledException>(async () =>
        {
            await foreach (FeishuMessage _ in feishu.Client.ListChatMessagesAsync("oc_1").WithCancellation(cancel.Token))
            {
                cancel.Cancel();
            }
        });

        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Single(feishu.SentTo("/im/v1/messages"));
    }
}
