using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;
using static FeishuResources.Tests.Messages.DownloadMessageResourcesTests;
using static FeishuResources.Tests.Messages.GetMessageResourcesTests;

namespace FeishuResources.Tests.Messages;

/// <summary>
/// Saving a message's resources at the edges: the concurrency bounds, overwriting, names held by folders or all
/// taken, failures that are not the caller's cancellation, and the caller's cancellation.
/// </summary>
public sealed class DownloadMessageResourcesEdgeTests
{
    private const string MessageUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages/";

    [Fact]
    public async Task Concurrency_from_1_to_50_is_accepted_and_51_is_refused_saying_so()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        ServeMessage(feishu, "om_1", "image", """{"image_key":"img_1"}""");
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_1/resources/img_1").Respond(_ => MockFeishu.File([1], "image/png"));

        ArgumentException tooMany = await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_1", folder.Path, new FeishuMessageDownloadOptions { MaxConcurrency = 51 }));
        Assert.Equal("options", tooMany.ParamName);
        Assert.Contains("MaxConcurrency must be between 1 and 50", tooMany.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Sent);

        Assert.True(Assert.Single(await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_1", folder.Path, new FeishuMessageDownloadOptions { MaxConcurrency = 1 })).Succeeded);
        Assert.True(Assert.Single(await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_1", folder.Path, new FeishuMessageDownloadOptions { MaxConcurrency = 50 })).Succeeded);
    }

    [Fact]
    public async Task Null_arguments_and_unusable_resources_are_refused_naming_them()
    {
        using var feishu = new MockFeishu();
        FeishuMessageResource withoutId = FeishuMessageContent.Parse("image", """{"image_key":"img_no_id"}""")[0];

        Assert.Equal("client", (await Assert.ThrowsAnyAsync<ArgumentException>(() => FeishuMessageDownloadExtensions.DownloadMessageResourcesToDirectoryAsync(null!, "om_1", "/tmp/x"))).ParamName);
        Assert.Equal("client", (await Assert.ThrowsAnyAsync<ArgumentException>(() => FeishuMessageDownloadExtensions.DownloadMessageResourcesToDirectoryAsync(null!, [withoutId], "/tmp/x"))).ParamName);
        Assert.Equal("resources", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync((IEnumerable<FeishuMessageResource>)null!, "/tmp/x"))).ParamName);
        Assert.Equal("directory", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync([withoutId], " "))).ParamName);
        ArgumentException containsNull = await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync([null!], "/tmp/x"));
        Assert.Equal("resources", containsNull.ParamName);
        Assert.Contains("The resources contain null.", containsNull.Message, StringComparison.Ordinal);
        ArgumentException noId = await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync([withoutId], "/tmp/x"));
        Assert.Contains("The resource 'img_no_id' has no message id", noId.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task A_video_cover_parsed_from_an_event_is_skipped_when_no_options_are_given()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_video/resources/*").Respond(_ => MockFeishu.File([1], "video/mp4"));
        IReadOnlyList<FeishuMessageResource> resources = FeishuMessageContent.Parse("media", """{"file_key":"file_v","image_key":"img_c","file_name":"v.mp4"}""", "om_video");

        FeishuMessageResourceResult video = Assert.Single(await feishu.Client.DownloadMessageResourcesToDirectoryAsync(resources, folder.Path));

        Assert.Equal(FeishuMessageResourceKind.Video, video.Resource.Kind);
        Assert.Equal(["v.mp4"], folder.Names());
    }

    [Fact]
    public async Task Overwriting_replaces_a_file_already_there_but_never_one_this_call_saved()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "a.txt"), "old");
        ServeForward(feishu, ("om_1", "file_1", "one"), ("om_2", "file_2", "two"));

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync(
            "om_forward", folder.Path, new FeishuMessageDownloadOptions { OverwriteExisting = true, MaxConcurrency = 1 });

        Assert.Equal(["a (1).txt", "a.txt"], folder.Names());
        Assert.Equal(["one", "two"], results.Select(r => File.ReadAllText(r.Path!)));
        Assert.Equal(Path.Combine(folder.Path, "a.txt"), results[0].Path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_folder_under_the_chosen_name_is_left_alone_and_the_next_free_name_is_used(bool overwrite)
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "a.txt"));
        ServeForward(feishu, ("om_1", "file_1", "one"));

        FeishuMessageResourceResult result = Assert.Single(await feishu.Client.DownloadMessageResourcesToDirectoryAsync(
            "om_forward", folder.Path, new FeishuMessageDownloadOptions { OverwriteExisting = overwrite }));

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal(Path.Combine(folder.Path, "a (1).txt"), result.Path);
        Assert.True(Directory.Exists(Path.Combine(folder.Path, "a.txt")));
    }

    [Fact]
    public async Task When_ten_thousand_names_are_taken_the_resource_fails_saying_so_and_leaves_no_temporary_file()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "a.txt"), string.Empty);
        for (int n = 1; n < 10_000; n++)
        {
            File.WriteAllText(Path.Combine(folder.Path, "a (" + n + ").txt"), string.Empty);
        }

        ServeForward(feishu, ("om_1", "file_1", "one"));

        FeishuMessageResourceResult result = Assert.Single(await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_forward", folder.Path));

        IOException error = Assert.IsAssignableFrom<IOException>(result.Exception);
        Assert.Equal("No free name was found for 'a.txt' in '" + Path.GetFullPath(folder.Path) + "' after 10000 tries.", error.Message);
        Assert.Equal(10_000, folder.Names().Length);
        Assert.False(File.Exists(Path.Combine(folder.Path, "a (10000).txt")));
    }

    [Fact]
    public async Task A_download_cancelled_by_anything_but_the_caller_is_that_resources_failure()
    {
        using var feishu = new MockFeishu(o => o.Retry.MaxRetryAttempts = 0);
        using var folder = new TempFolder();
        ServeMessage(feishu, "om_post", "post", """{"title":"t","content":[[{"tag":"img","image_key":"img_stuck"}],[{"tag":"img","image_key":"img_ok"}]]}""");
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_post/resources/img_stuck").Throw(new OperationCanceledException("the connection was torn down"));
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_post/resources/img_ok").Respond(_ => MockFeishu.File([1], "image/png"));

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_post", folder.Path);

        Assert.IsAssignableFrom<OperationCanceledException>(results[0].Exception);
        Assert.True(results[1].Succeeded);
    }

    [Fact]
    public async Task Cancelling_the_call_throws_instead_of_reporting_each_resource_as_failed()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        using var cancel = new CancellationTokenSource();
        ServeMessage(feishu, "om_1", "image", """{"image_key":"img_1"}""");
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_1/resources/img_1").Respond(_ =>
        {
            cancel.Cancel();
            throw new OperationCanceledException(cancel.Token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_1", folder.Path, cancellationToken: cancel.Token));

        Assert.Empty(folder.Names());
    }

    /// <summary>A forward whose sub-messages are files all named <c>a.txt</c>, each served with its own body.</summary>
    private static void ServeForward(MockFeishu feishu, params (string MessageId, string Key, string Body)[] files)
    {
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_forward").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer(
            [Item("om_forward", "merge_forward", """{"content":"Merged and Forwarded Message"}"""),
             .. files.Select(f => Item(f.MessageId, "file", "{\"file_key\":\"" + f.Key + "\",\"file_name\":\"a.txt\"}", "om_forward"))])));
        foreach ((string _, string key, string body) in files)
        {
            feishu.Http.When(HttpMethod.Get, MessageUrl + "om_forward/resources/" + key)
                .Respond(_ => MockFeishu.File(System.Text.Encoding.UTF8.GetBytes(body), "text/plain"));
        }
    }
}
