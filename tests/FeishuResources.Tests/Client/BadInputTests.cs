using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Client;

public sealed class BadInputTests
{
    public static TheoryData<string?> BlankIds => new() { null, "", " ", "\t\r\n" };

    [Theory]
    [MemberData(nameof(BlankIds))]
    public async Task Blank_file_key_is_refused_before_any_request(string? fileKey)
    {
        using var feishu = AnsweringMock();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadFileAsync(fileKey!));
        var withOptions = await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadFileAsync(fileKey!, new FeishuRequestOptions()));

        Assert.Equal("fileKey", ex.ParamName);
        Assert.Equal("fileKey", withOptions.ParamName);
        Assert.Contains("fileKey", ex.Message, StringComparison.Ordinal);
        Assert.Empty(feishu.Sent);
    }

    [Theory]
    [MemberData(nameof(BlankIds))]
    public async Task Blank_message_id_is_refused_before_any_request(string? messageId)
    {
        using var feishu = AnsweringMock();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourceAsync(messageId!, "file_k", FeishuResourceType.File));

        Assert.Equal("messageId", ex.ParamName);
        Assert.Empty(feishu.Sent);
    }

    [Theory]
    [MemberData(nameof(BlankIds))]
    public async Task Blank_resource_key_is_refused_before_any_request(string? fileKey)
    {
        using var feishu = AnsweringMock();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => feishu.Client.DownloadMessageResourceAsync("om_1", fileKey!, FeishuResourceType.Image));

        Assert.Equal("fileKey", ex.ParamName);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task Null_is_reported_as_argument_null()
    {
        using var feishu = AnsweringMock();

        await Assert.ThrowsAsync<ArgumentNullException>(() => feishu.Client.DownloadFileAsync(null!));

        Assert.Empty(feishu.Sent);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    public async Task Undefined_resource_type_is_refused_before_any_request(int type)
    {
        using var feishu = AnsweringMock();

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => feishu.Client.DownloadMessageResourceAsync("om_1", "file_k", (FeishuResourceType)type));

        Assert.Equal("type", ex.ParamName);
        Assert.Empty(feishu.Sent);
    }

    [Fact]
    public async Task The_answering_mock_does_answer_valid_calls()
    {
        // Guards the tests above: with valid input the same mock does send requests.
        using var feishu = AnsweringMock();

        (await feishu.Client.DownloadMessageResourceAsync("om_1", "file_k", FeishuResourceType.Image)).Dispose();

        Assert.Equal(2, feishu.Sent.Count);
    }

    private static MockFeishu AnsweringMock()
    {
        var feishu = new MockFeishu();
        feishu.Http.Fallback.Respond(_ => MockFeishu.File([1]));
        return feishu;
    }
}
