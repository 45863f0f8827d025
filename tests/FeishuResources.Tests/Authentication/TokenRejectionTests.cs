using System.Net;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

public sealed class TokenRejectionTests
{
    private const string FileUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_k";

    [Theory]
    [InlineData(99991663, HttpStatusCode.OK)]
    [InlineData(99991663, HttpStatusCode.BadRequest)]
    [InlineData(99991663, HttpStatusCode.Unauthorized)]
    [InlineData(99991661, HttpStatusCode.OK)]
    [InlineData(99991661, HttpStatusCode.Unauthorized)]
    [InlineData(99991664, HttpStatusCode.BadRequest)]
    [InlineData(99991671, HttpStatusCode.OK)]
    [InlineData(99991671, HttpStatusCode.Unauthorized)]
    public async Task Rejected_token_is_evicted_and_the_request_replayed_once_with_a_new_token(int code, HttpStatusCode status)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(request => request.Headers.Authorization?.Parameter == "t-token-1"
            ? MockFeishu.Json(status, MockFeishu.ErrorBody(code))
            : MockFeishu.File([4, 5, 6]));

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_k");
        var sink = new MemoryStream();
        await download.CopyToAsync(sink);

        Assert.Equal(new byte[] { 4, 5, 6 }, sink.ToArray());
        Assert.Equal(["Bearer t-token-1", "Bearer t-token-2"], feishu.Downloads.Select(r => r.Authorization));
        Assert.Equal(2, feishu.TokensIssued);
    }

    [Fact]
    public async Task The_new_token_stays_cached_after_a_replay()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(request => request.Headers.Authorization?.Parameter == "t-token-1"
            ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(99991663))
            : MockFeishu.File([1]));

        (await feishu.Client.DownloadFileAsync("file_k")).Dispose();
        (await feishu.Client.DownloadFileAsync("file_k")).Dispose();

        Assert.Equal(["Bearer t-token-1", "Bearer t-token-2", "Bearer t-token-2"], feishu.Downloads.Select(r => r.Authorization));
        Assert.Equal(2, feishu.TokensIssued);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task A_second_rejection_surfaces_after_exactly_one_replay_with_a_different_token(HttpStatusCode status)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.Json(status, MockFeishu.ErrorBody(99991663, "token invalid")));

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.Equal(99991663, ex.Code);
        Assert.Equal(status, ex.StatusCode);
        // The Go SDK replays with the stale cached token; here the replay must carry a freshly fetched one.
        Assert.Equal(["Bearer t-token-1", "Bearer t-token-2"], feishu.Downloads.Select(r => r.Authorization));
        Assert.Equal(2, feishu.TokensIssued);
    }

    [Theory]
    [InlineData(99991668)]
    [InlineData(99991677)]
    [InlineData(99991672)]
    [InlineData(234002)]
    public async Task Codes_a_fresh_token_cannot_cure_are_not_replayed(int code)
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(code)));

        FeishuApiException ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("file_k"));

        Assert.Equal(code, ex.Code);
        Assert.Single(feishu.Downloads);
        Assert.Equal(1, feishu.TokensIssued);
    }
}
