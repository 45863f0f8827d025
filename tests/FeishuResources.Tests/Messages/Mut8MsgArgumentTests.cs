using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Messages;

/// <summary>Arguments the message helpers refuse before anything is asked of the client, and what the refusal says.</summary>
public sealed class Mut8MsgArgumentTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public async Task A_missing_message_id_is_refused_naming_it_before_a_users_own_client_is_asked(string? messageId)
    {
        using var folder = new TempFolder();
        var client = new SurfaceRecordingClient();

        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DownloadMessageResourcesToDirectoryAsync(messageId!, folder.Path));

        Assert.Equal("messageId", error.ParamName);
        Assert.Equal(0, client.Calls);
    }

    [Fact]
    public void A_page_size_out_of_range_is_refused_with_the_whole_rule()
    {
        using var feishu = new MockFeishu();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => feishu.Client.ListChatMessagesAsync("oc_1", new FeishuMessageListOptions { PageSize = 0 }));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith("PageSize must be between 1 and 50. ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_concurrency_out_of_range_is_refused_with_the_whole_rule()
    {
        using var folder = new TempFolder();
        var client = new SurfaceRecordingClient();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.DownloadMessageResourcesToDirectoryAsync("om_1", folder.Path, new FeishuMessageDownloadOptions { MaxConcurrency = 51 }));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith("MaxConcurrency must be between 1 and 50. ", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.Calls);
    }
}
