using System.Net;
using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>A synchronous <c>HttpClient.Send</c> on the SDK's client recovers from a rejected token like an asynchronous call.</summary>
public sealed class SynchronousTokenRejectionTests
{
    [Fact]
    public async Task A_synchronous_Send_whose_token_is_rejected_is_replayed_once_with_a_fresh_token()
    {
        int tokens = 0;
        int downloads = 0;
        await using var server = new LoopbackServer(head => head.StartsWith("POST", StringComparison.Ordinal)
            ? Json("200 OK", MockFeishu.TokenBody("t-sync-" + Interlocked.Increment(ref tokens), 7200))
            : Interlocked.Increment(ref downloads) == 1
                ? Json("401 Unauthorized", MockFeishu.ErrorBody(FeishuErrorCodes.TenantAccessTokenInvalid))
                : LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n", Encoding.ASCII.GetBytes("file")));
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddFeishuResources(o =>
        {
            o.AppId = "cli_sync_rejection";
            o.AppSecret = "sync-rejection-secret";
            o.BaseAddress = server.BaseAddress;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(builder.Name);

        using HttpResponseMessage response = await Task.Run(() => http.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "open-apis/im/v1/files/file_v3_sync")), HttpCompletionOption.ResponseHeadersRead));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string[] authorizations = [.. server.Requests.Select(r => r.Head).Where(h => h.StartsWith("GET", StringComparison.Ordinal))
            .Select(h => h.Split("\r\n").Single(l => l.StartsWith("Authorization:", StringComparison.Ordinal)))];
        Assert.Equal(["Authorization: Bearer t-sync-1", "Authorization: Bearer t-sync-2"], authorizations);
    }

    private static byte[] Json(string status, string json)
        => LoopbackServer.Response("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(json));
}
