using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Internal;

/// <summary>
/// What a caller reads when an argument is refused before any request, and which borderline values still pass:
/// the wording of each refusal, a malformed surrogate sequence, the first and the last characters a header can carry.
/// </summary>
public sealed class ArgumentCheckTests
{
    [Fact]
    public async Task A_null_id_is_refused_saying_it_must_not_be_null()
    {
        using var feishu = AnsweringMock();

        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => feishu.Client.DownloadFileAsync(null!));

        Assert.StartsWith("fileKey must not be null.", ex.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task A_blank_id_is_refused_saying_it_must_not_be_empty()
    {
        using var feishu = AnsweringMock();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourceAsync("om_1", " ", FeishuResourceType.File));

        Assert.StartsWith("fileKey must not be empty or white space.", ex.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task An_id_with_two_low_surrogates_in_a_row_is_refused()
    {
        using var feishu = AnsweringMock();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => feishu.Client.DownloadFileAsync("file_\uDC00\uDC00"));

        Assert.Equal("fileKey", ex.ParamName);
        Assert.StartsWith("fileKey has a lone surrogate (U+DC00) at index 5:", ex.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task An_id_with_a_surrogate_pair_is_sent()
    {
        using var feishu = AnsweringMock();

        (await feishu.Client.DownloadFileAsync("file_\U0001F600_k")).Dispose();

        Assert.Single(feishu.Downloads);
    }

    [Fact]
    public async Task An_access_token_whose_first_character_no_header_can_carry_is_refused_naming_its_index()
    {
        using var feishu = AnsweringMock();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => feishu.Client.DownloadFileAsync("file_k", new FeishuRequestOptions { AccessToken = "\u00e9-token" }));

        Assert.Equal("requestOptions", ex.ParamName);
        Assert.StartsWith("requestOptions.AccessToken has a character at index 0 ", ex.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task An_access_token_of_the_outermost_visible_ascii_characters_is_sent_as_it_is()
    {
        using var feishu = AnsweringMock();

        (await feishu.Client.DownloadFileAsync("file_k", new FeishuRequestOptions { AccessToken = "!u-tok~" })).Dispose();

        Assert.Equal("Bearer !u-tok~", Assert.Single(feishu.Downloads).Authorization);
    }

    [Fact]
    public async Task An_undefined_resource_type_is_refused_saying_which_are_allowed()
    {
        using var feishu = AnsweringMock();

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => feishu.Client.DownloadMessageResourceAsync("om_1", "file_k", (FeishuResourceType)7));

        Assert.StartsWith("type must be FeishuResourceType.Image or FeishuResourceType.File.", ex.Message, StringComparison.Ordinal);
        Assert.Equal((FeishuResourceType)7, ex.ActualValue);
        Assert.Empty(feishu.Sent);
    }

    private static MockFeishu AnsweringMock()
    {
        var feishu = new MockFeishu();
        feishu.Http.Fallback.Respond(_ => MockFeishu.File([1]));
        return feishu;
    }
}
