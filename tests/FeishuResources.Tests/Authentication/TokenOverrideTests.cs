using System.Net;
using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

public sealed class TokenOverrideTests
{
    private const string FileUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_k";

    [Fact]
    public async Task A_registered_token_provider_supplies_the_bearer_and_the_token_endpoint_is_never_called()
    {
        using var feishu = new MockFeishu(o => o.AppSecret = string.Empty, client: b => b.UseTokenProvider<UserTokenProvider>());
        TokenCachingTests.RespondWithFile(feishu);

        await TokenCachingTests.DownloadAsync(feishu, "file_k");

        Assert.Equal("Bearer u-user-token-1", Assert.Single(feishu.Downloads).Authorization);
        Assert.Empty(feishu.SentTo("/auth/"));
    }

    [Fact]
    public async Task A_registered_provider_is_asked_for_a_different_token_after_a_rejection()
    {
        var provider = new UserTokenProvider();
        using var feishu = new MockFeishu(client: b => b.UseTokenProvider(_ => provider));
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(request => request.Headers.Authorization?.Parameter == "u-user-token-1"
            ? MockFeishu.Json(HttpStatusCode.OK, MockFeishu.ErrorBody(99991663))
            : MockFeishu.File([1]));

        await TokenCachingTests.DownloadAsync(feishu, "file_k");

        Assert.Equal(["Bearer u-user-token-1", "Bearer u-user-token-2"], feishu.Downloads.Select(r => r.Authorization));
        Assert.Equal([null, "u-user-token-1"], provider.Requests.Select(r => r.RejectedToken));
        Assert.Empty(feishu.SentTo("/auth/"));
    }

    [Fact]
    public async Task A_per_call_access_token_is_sent_as_is_without_a_token_request()
    {
        using var feishu = new MockFeishu();
        TokenCachingTests.RespondWithFile(feishu);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_k", new FeishuRequestOptions { AccessToken = "u-override" });

        Assert.Equal("Bearer u-override", Assert.Single(feishu.Downloads).Authorization);
        Assert.Empty(feishu.SentTo("/auth/"));
    }

    [Fact]
    public async Task A_rejected_per_call_access_token_surfaces_without_a_replay()
    {
        using var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, FileUrl).Respond(_ => MockFeishu.Json(HttpStatusCode.Unauthorized, MockFeishu.ErrorBody(99991663)));

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(
            () => feishu.Client.DownloadFileAsync("file_k", new FeishuRequestOptions { AccessToken = "u-override" }));

        Assert.Equal(99991663, ex.Code);
        Assert.Single(feishu.Downloads);
        Assert.Empty(feishu.SentTo("/auth/"));
    }

    [Fact]
    public void Token_request_description_never_shows_the_rejected_token()
    {
        var request = new FeishuTokenRequest("tenant-a", "t-secret-token");

        Assert.DoesNotContain("t-secret-token", request.ToString(), StringComparison.Ordinal);
        Assert.Contains("tenant-a", request.ToString(), StringComparison.Ordinal);
    }

    private sealed class UserTokenProvider : IFeishuTokenProvider
    {
        private int _issued;

        public List<FeishuTokenRequest> Requests { get; } = [];

        public ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return new ValueTask<string>("u-user-token-" + Interlocked.Increment(ref _issued));
        }
    }
}
