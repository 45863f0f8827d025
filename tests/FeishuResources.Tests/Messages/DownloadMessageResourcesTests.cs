using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;
using static FeishuResources.Tests.Messages.GetMessageResourcesTests;

namespace FeishuResources.Tests.Messages;

/// <summary>
/// <see cref="FeishuMessageDownloadExtensions.DownloadMessageResourcesToDirectoryAsync(IFeishuResourceClient, string, string, FeishuMessageDownloadOptions?, IProgress{FeishuMessageResourceResult}?, CancellationToken)"/>:
/// every resource of a message saved, one result each, named from the content first.
/// </summary>
public sealed class DownloadMessageResourcesTests
{
    private const string MessageUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages/";

    [Fact]
    public async Task Saves_every_resource_through_the_container_with_names_from_the_content_then_the_header_then_the_key()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_forward").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer(
            Item("om_forward", "merge_forward", """{"content":"Merged and Forwarded Message"}"""),
            Item("om_file", "file", """{"file_key":"file_report","file_name":"季度报告 🎉.pdf"}""", "om_forward"),
            Item("om_image", "image", """{"image_key":"img_bare"}""", "om_forward"),
            Item("om_post", "post", """{"zh_cn":{"title":"t","content":[[{"tag":"img","image_key":"img_named"}],[{"tag":"media","file_key":"file_clip","image_key":"img_cover"}]]}}""", "om_forward"),
            Item("om_sticker", "sticker", """{"file_key":"file_sticker"}""", "om_forward"))));
        Serve(feishu, "om_forward", "file_report", "file", "pdf-bytes", "application/pdf", MockFeishu.AsWireLatin1("header-name.pdf"));
        Serve(feishu, "om_forward", "img_bare", "image", "bare-bytes", "image/png", null);
        Serve(feishu, "om_forward", "img_named", "image", "named-bytes", "image/jpeg", MockFeishu.AsWireLatin1("照片.jpg"));
        Serve(feishu, "om_forward", "file_clip", "file", "clip-bytes", "video/mp4", "clip.mp4");

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_forward", folder.Path);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Exception?.ToString()));
        Assert.Equal(["file_report", "img_bare", "img_named", "file_clip"], results.Select(r => r.Resource.Key));
        Assert.Equal(["clip.mp4", "img_bare.png", "季度报告 🎉.pdf", "照片.jpg"], folder.Names());
        Assert.Equal("pdf-bytes", File.ReadAllText(Path.Combine(folder.Path, "季度报告 🎉.pdf")));
        Assert.Equal(Path.Combine(folder.Path, "img_bare.png"), results[1].Path);
        Assert.DoesNotContain(feishu.Sent, r => r.Uri.AbsolutePath.Contains("sticker", StringComparison.Ordinal) || r.Uri.AbsolutePath.Contains("img_cover", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_resource_gets_its_typed_exception_and_the_others_are_still_saved()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        ServeMessage(feishu, "om_post", "post", """{"title":"t","content":[[{"tag":"img","image_key":"img_gone"}],[{"tag":"img","image_key":"img_ok"}]]}""");
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_post/resources/img_gone").Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234003)));
        Serve(feishu, "om_post", "img_ok", "image", "ok", "image/png", null);

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_post", folder.Path);

        Assert.Equal(234003, Assert.IsType<FeishuResourceNotFoundException>(results[0].Exception).Code);
        Assert.Null(results[0].Path);
        Assert.False(results[0].Succeeded);
        Assert.True(results[1].Succeeded);
        Assert.Equal(["img_ok.png"], folder.Names());
    }

    [Fact]
    public async Task A_key_listed_twice_is_downloaded_once()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        ServeMessage(feishu, "om_post", "post", """{"title":"t","content":[[{"tag":"img","image_key":"img_same"}],[{"tag":"img","image_key":"img_same"}]]}""");
        Serve(feishu, "om_post", "img_same", "image", "x", "image/png", null);

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_post", folder.Path);

        Assert.Single(results);
        Assert.Single(feishu.SentTo("/resources/"));
    }

    [Fact]
    public async Task Equal_names_get_a_counter_and_an_existing_file_is_kept()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "a.txt"), "mine");
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_forward").Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer(
            Item("om_forward", "merge_forward", """{"content":"Merged and Forwarded Message"}"""),
            Item("om_1", "file", """{"file_key":"file_1","file_name":"a.txt"}""", "om_forward"),
            Item("om_2", "file", """{"file_key":"file_2","file_name":"a.txt"}""", "om_forward"))));
        Serve(feishu, "om_forward", "file_1", "file", "one", "text/plain", null);
        Serve(feishu, "om_forward", "file_2", "file", "two", "text/plain", null);

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_forward", folder.Path);

        Assert.Equal(["a (1).txt", "a (2).txt", "a.txt"], folder.Names());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder.Path, "a.txt")));
        Assert.Equal(["one", "two"], results.Select(r => File.ReadAllText(r.Path!)));
    }

    [Fact]
    public async Task A_file_another_writer_creates_under_the_name_while_the_body_arrives_is_kept()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        string theirs = Path.Combine(folder.Path, "a.txt");
        ServeMessage(feishu, "om_file", "file", """{"file_key":"file_1","file_name":"a.txt"}""");
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_file/resources/file_1").Respond(_ =>
        {
            // The other writer strikes after the headers arrived, when the name has been chosen, before the save commits.
            var content = new StreamContent(new BeforeFirstRead(() => File.WriteAllText(theirs, "theirs"), "ours"u8.ToArray()));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        FeishuMessageResourceResult result = Assert.Single(await feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_file", folder.Path));

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal("theirs", File.ReadAllText(theirs));
        Assert.Equal(Path.Combine(folder.Path, "a (1).txt"), result.Path);
        Assert.Equal("ours", File.ReadAllText(result.Path!));
        Assert.Equal(["a (1).txt", "a.txt"], folder.Names());
    }

    [Fact]
    public async Task Video_covers_are_fetched_only_when_asked_for()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        ServeMessage(feishu, "om_video", "media", """{"file_key":"file_v","image_key":"img_c","file_name":"v.mp4","duration":1000}""");
        Serve(feishu, "om_video", "file_v", "file", "v", "video/mp4", null);
        Serve(feishu, "om_video", "img_c", "image", "c", "image/jpeg", null);

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync(
            "om_video", folder.Path, new FeishuMessageDownloadOptions { IncludeVideoCovers = true });

        Assert.Equal([FeishuMessageResourceKind.Video, FeishuMessageResourceKind.VideoCover], results.Select(r => r.Resource.Kind));
        Assert.Equal(["img_c.jpg", "v.mp4"], folder.Names());
    }

    [Fact]
    public async Task No_more_downloads_run_at_once_than_allowed_and_each_result_is_reported()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        ServeMessage(feishu, "om_post", "post", "{\"title\":\"t\",\"content\":[" + string.Join(",", Enumerable.Range(0, 6).Select(i => $$"""[{"tag":"img","image_key":"img_{{i}}"}]""")) + "]}");
        int running = 0, most = 0;
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_post/resources/*").Respond(async _ =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(30);
            Interlocked.Decrement(ref running);
            return MockFeishu.File([1, 2, 3], "image/png");
        });
        var reported = new List<string>();

        IReadOnlyList<FeishuMessageResourceResult> results = await feishu.Client.DownloadMessageResourcesToDirectoryAsync(
            "om_post", folder.Path, new FeishuMessageDownloadOptions { MaxConcurrency = 2 }, new SynchronousProgress(r => { lock (reported) { reported.Add(r.Resource.Key); } }));

        Assert.Equal(6, results.Count(r => r.Succeeded));
        Assert.InRange(most, 1, 2);
        Assert.Equal(results.Select(r => r.Resource.Key).Order(), reported.Order());
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_any_request()
    {
        using var feishu = new MockFeishu();

        Assert.Equal("directory", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_1", " "))).ParamName);
        Assert.Equal("messageId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync(" ", "/tmp/x"))).ParamName);
        Assert.Equal("options", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync("om_1", "/tmp/x", new FeishuMessageDownloadOptions { MaxConcurrency = 0 }))).ParamName);
        FeishuMessageResource withoutId = FeishuMessageContent.Parse("image", """{"image_key":"img_1"}""")[0];
        Assert.Equal("resources", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourcesToDirectoryAsync([withoutId], "/tmp/x"))).ParamName);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task Resources_parsed_from_an_event_are_downloaded_without_reading_the_message()
    {
        using var feishu = new MockFeishu();
        using var folder = new TempFolder();
        Serve(feishu, "om_event", "file_e", "file", "e", "application/pdf", null);
        IReadOnlyList<FeishuMessageResource> resources = FeishuMessageContent.Parse("file", """{"file_key":"file_e","file_name":"事件.pdf"}""", "om_event");

        FeishuMessageResourceResult result = Assert.Single(await feishu.Client.DownloadMessageResourcesToDirectoryAsync(resources, folder.Path));

        Assert.Equal(Path.Combine(folder.Path, "事件.pdf"), result.Path);
        Assert.DoesNotContain(feishu.SentTo("/messages/om_event"), r => !r.Uri.AbsolutePath.Contains("/resources/", StringComparison.Ordinal));
    }

    internal static void ServeMessage(MockFeishu feishu, string messageId, string messageType, string content)
        => feishu.Http.When(HttpMethod.Get, MessageUrl + messageId).Respond(_ => MockFeishu.Json(HttpStatusCode.OK, Answer(Item(messageId, messageType, content))));

    private static void Serve(MockFeishu feishu, string messageId, string key, string type, string body, string contentType, string? fileName)
        => feishu.Http.When(HttpMethod.Get, MessageUrl + messageId + "/resources/" + key).WithQueryString("type", type)
            .Respond(_ => MockFeishu.File(System.Text.Encoding.UTF8.GetBytes(body), contentType, fileName is null ? null : "attachment; filename=\"" + fileName + "\""));

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>A body that runs an action before its first byte is read.</summary>
    private sealed class BeforeFirstRead(Action action, byte[] body) : StubStream
    {
        private readonly MemoryStream _body = new(body);
        private Action? _action = action;

        public override bool CanRead => true;

        public override int Read(byte[] buffer, int offset, int count)
        {
            Interlocked.Exchange(ref _action, null)?.Invoke();
            return _body.Read(buffer, offset, count);
        }
    }

    private sealed class SynchronousProgress(Action<FeishuMessageResourceResult> report) : IProgress<FeishuMessageResourceResult>
    {
        public void Report(FeishuMessageResourceResult value) => report(value);
    }
}
