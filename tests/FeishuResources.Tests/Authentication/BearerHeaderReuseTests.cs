using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>Every download with the same token carries the same (immutable) Authorization value: none is built per request.</summary>
public sealed class BearerHeaderReuseTests
{
    [Fact]
    public async Task Downloads_with_the_same_token_share_one_Authorization_value_until_the_token_changes()
    {
        var seen = new ConcurrentQueue<AuthenticationHeaderValue>();
        using var feishu = new MockFeishu(client: b => b.AddHttpMessageHandler(() => new AuthorizationCapture(seen)));
        int downloads = 0;
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/*").Respond(_ => Interlocked.Increment(ref downloads) == 3
            ? MockFeishu.Json(HttpStatusCode.Unauthorized, MockFeishu.ErrorBody(FeishuErrorCodes.TenantAccessTokenInvalid))
            : MockFeishu.File([1]));

        for (int i = 0; i < 4; i++)
        {
            await TokenCachingTests.DownloadAsync(feishu, "file_" + i);
        }

        // Downloads 1-3 with t-token-1 (3 rejected), its replay and download 4 with t-token-2.
        AuthenticationHeaderValue[] values = [.. seen];
        Assert.Equal(["Bearer t-token-1", "Bearer t-token-1", "Bearer t-token-1", "Bearer t-token-2", "Bearer t-token-2"], values.Select(v => v.ToString()));
        Assert.Same(values[0], values[1]);
        Assert.Same(values[1], values[2]);
        Assert.Same(values[3], values[4]);
    }

    /// <summary>Sits after the SDK's handlers and keeps each request's Authorization value.</summary>
    private sealed class AuthorizationCapture(ConcurrentQueue<AuthenticationHeaderValue> values) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            values.Enqueue(request.Headers.Authorization!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
