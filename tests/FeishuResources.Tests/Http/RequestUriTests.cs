using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Http;

public sealed class RequestUriTests
{
    public static TheoryData<string, string> Keys => new()
    {
        { "file_v3_0010j_eb127f4d-1234", "file_v3_0010j_eb127f4d-1234" },
        { "a/b", "a%2Fb" },
        { "../../auth/v3/x", "..%2F..%2Fauth%2Fv3%2Fx" },
        { "...", "..." },
        { "a/../b", "a%2F..%2Fb" },
        { "%2E%2E", "%252E%252E" },
        { "k?type=image", "k%3Ftype%3Dimage" },
        { "k#frag", "k%23frag" },
        { "100%", "100%25" },
        { "%2F", "%252F" },
        { "with space", "with%20space" },
        { "back\\slash", "back%5Cslash" },
        { "键值", "%E9%94%AE%E5%80%BC" },
        { "😀", "%F0%9F%98%80" },
        { "a&b=c;d+e", "a%26b%3Dc%3Bd%2Be" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task File_key_is_one_escaped_path_segment(string key, string escaped)
    {
        using var feishu = AnsweringMock();

        (await feishu.Client.DownloadFileAsync(key)).Dispose();

        SentRequest sent = Assert.Single(feishu.Downloads);
        string expected = "https://open.feishu.cn/open-apis/im/v1/files/" + escaped;
        Assert.Equal(expected, sent.Uri.AbsoluteUri);
        Assert.Equal(expected, sent.OriginalString);
        Assert.Equal("/open-apis/im/v1/files/" + escaped, sent.Uri.AbsolutePath);
        Assert.Equal(string.Empty, sent.Uri.Query);
        Assert.Equal(string.Empty, sent.Uri.Fragment);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Message_id_and_key_are_escaped_and_only_the_type_is_a_query(string key, string escaped)
    {
        using var feishu = AnsweringMock();

        (await feishu.Client.DownloadMessageResourceAsync(key, key, FeishuResourceType.Image)).Dispose();

        SentRequest sent = Assert.Single(feishu.Downloads);
        string expected = $"https://open.feishu.cn/open-apis/im/v1/messages/{escaped}/resources/{escaped}?type=image";
        Assert.Equal(expected, sent.Uri.AbsoluteUri);
        Assert.Equal(expected, sent.OriginalString);
        Assert.Equal("?type=image", sent.Uri.Query);
    }

    [Theory]
    [InlineData(".", "x", "messageId")]
    [InlineData("..", "x", "messageId")]
    [InlineData("x", ".", "fileKey")]
    [InlineData("x", "..", "fileKey")]
    public async Task Dot_segments_are_refused_before_any_request_because_no_escape_keeps_them_in_place(string messageId, string fileKey, string parameter)
    {
        using var feishu = AnsweringMock();

        var fromMessage = await Assert.ThrowsAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourceAsync(messageId, fileKey, FeishuResourceType.File));
        var fromFile = await Assert.ThrowsAsync<ArgumentException>(() => feishu.Client.DownloadFileAsync(".."));

        Assert.Equal(parameter, fromMessage.ParamName);
        Assert.Equal("fileKey", fromFile.ParamName);
        Assert.Empty(feishu.Sent);
    }

    /// <summary>Not discovered one by one: a lone surrogate cannot cross the test runner's UTF-8 protocol.</summary>
    public static TheoryData<string, string, string> LoneSurrogates => new()
    {
        { "x", "\uD800abc", "fileKey" },
        { "x", "abc\uDC00", "fileKey" },
        { "x", "a\uDC00\uD800b", "fileKey" },
        { "om_\uD83D", "file_v3_k", "messageId" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates), DisableDiscoveryEnumeration = true)]
    public async Task An_id_with_a_lone_surrogate_is_refused_before_any_request_because_no_url_can_carry_it(string messageId, string fileKey, string parameter)
    {
        using var feishu = AnsweringMock();

        var fromMessage = await Assert.ThrowsAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourceAsync(messageId, fileKey, FeishuResourceType.File));
        var fromFile = parameter == "fileKey" ? await Assert.ThrowsAsync<ArgumentException>(() => feishu.Client.DownloadFileAsync(fileKey)) : null;

        Assert.Equal(parameter, fromMessage.ParamName);
        Assert.Contains("surrogate", fromMessage.Message, StringComparison.Ordinal);
        Assert.Equal(parameter, fromFile?.ParamName ?? parameter);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task A_key_with_a_well_formed_surrogate_pair_is_sent_as_its_utf8_bytes()
    {
        using var feishu = AnsweringMock();

        (await feishu.Client.DownloadFileAsync("file_\uD83D\uDE00")).Dispose();

        Assert.EndsWith("/files/file_%F0%9F%98%80", Assert.Single(feishu.Downloads).OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeishuResourceType.Image, "image")]
    [InlineData(FeishuResourceType.File, "file")]
    public async Task Resource_type_becomes_the_type_query(FeishuResourceType type, string value)
    {
        using var feishu = AnsweringMock();

        (await feishu.Client.DownloadMessageResourceAsync("om_dc13", "img_v3_1", type)).Dispose();

        Assert.Equal("https://open.feishu.cn/open-apis/im/v1/messages/om_dc13/resources/img_v3_1?type=" + value, Assert.Single(feishu.Downloads).Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://open.feishu.cn", "https://open.feishu.cn/")]
    [InlineData("https://open.feishu.cn/", "https://open.feishu.cn/")]
    [InlineData("https://open.larksuite.com", "https://open.larksuite.com/")]
    [InlineData("https://gw.example.com/feishu/", "https://gw.example.com/feishu/")]
    [InlineData("https://gw.example.com/feishu", "https://gw.example.com/feishu/")]
    [InlineData("https://gw.example.com:8443/a/b/", "https://gw.example.com:8443/a/b/")]
    public async Task Downloads_and_tokens_go_under_the_base_address(string baseAddress, string root)
    {
        using var feishu = new MockFeishu(baseUrl: baseAddress);
        feishu.Http.When(HttpMethod.Get, "*").Respond(_ => MockFeishu.File([1]));

        (await feishu.Client.DownloadFileAsync("file_k")).Dispose();
        (await feishu.Client.DownloadMessageResourceAsync("om_1", "file_k", FeishuResourceType.File)).Dispose();

        Assert.Equal(
            [root + "open-apis/auth/v3/tenant_access_token/internal", root + "open-apis/im/v1/files/file_k", root + "open-apis/im/v1/messages/om_1/resources/file_k?type=file"],
            feishu.Sent.Select(r => r.Uri.AbsoluteUri));
    }

    [Fact]
    public void Public_domains_are_the_feishu_and_lark_hosts()
    {
        Assert.Equal(new Uri("https://open.feishu.cn"), FeishuDomains.Feishu);
        Assert.Equal(new Uri("https://open.larksuite.com"), FeishuDomains.Lark);
        Assert.Equal(FeishuDomains.Feishu, new FeishuResourcesOptions().BaseAddress);
    }

    [Theory]
    [InlineData("https://open.larksuite.com")]
    [InlineData("https://open.feishu.cn")]
    public async Task Domain_constants_work_as_base_addresses(string host)
    {
        Uri domain = host.Contains("lark", StringComparison.Ordinal) ? FeishuDomains.Lark : FeishuDomains.Feishu;
        using var feishu = new MockFeishu(o => o.BaseAddress = domain, baseUrl: host);
        feishu.Http.When(HttpMethod.Get, "*").Respond(_ => MockFeishu.File([1]));

        (await feishu.Client.DownloadFileAsync("file_k")).Dispose();

        Assert.Equal(host + "/open-apis/im/v1/files/file_k", Assert.Single(feishu.Downloads).Uri.AbsoluteUri);
    }

    private static MockFeishu AnsweringMock()
    {
        var feishu = new MockFeishu();
        feishu.Http.Fallback.Respond(_ => MockFeishu.File([1]));
        return feishu;
    }
}
