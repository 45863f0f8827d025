using System.Net;
using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Http;

/// <summary>
/// A synchronous <c>HttpClient.Send</c> on the SDK's client goes through every one of its handlers — token,
/// quota, timeouts, retries, error classification — never straight to the network.
/// </summary>
public sealed class SynchronousSendTests
{
    private static readonly byte[] File = Encoding.ASCII.GetBytes("sync send body");

    internal static byte[] Token() => LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-sync", 7200)));

    private static byte[] FileResponse() => LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n", File);

    internal static (ServiceProvider Provider, HttpClient Http) SdkHttpClient(LoopbackServer server)
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddFeishuResources(o =>
        {
            o.AppId = "cli_sync_send";
            o.AppSecret = "sync-send-secret";
            o.BaseAddress = server.BaseAddress;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient(builder.Name));
    }

    internal static HttpRequestMessage Download(LoopbackServer server) => new(HttpMethod.Get, new Uri(server.BaseAddress, "open-apis/im/v1/files/file_v3_sync"));

    private static string[] DownloadHeads(LoopbackServer server) => [.. server.Requests.Select(r => r.Head).Where(h => h.StartsWith("GET", StringComparison.Ordinal))];

    [Fact]
    public async Task A_synchronous_Send_on_the_SDKs_HttpClient_carries_the_token_like_an_asynchronous_one()
    {
        await using var server = new LoopbackServer(head => head.StartsWith("POST", StringComparison.Ordinal) ? Token() : FileResponse());
        (ServiceProvider provider, HttpClient http) = SdkHttpClient(server);
        await using ServiceProvider _ = provider;

        using HttpResponseMessage response = await Task.Run(() => http.Send(Download(server), HttpCompletionOption.ResponseHeadersRead));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(File, await response.Content.ReadAsByteArrayAsync());
        string download = Assert.Single(DownloadHeads(server));
        Assert.Contains("Authorization: Bearer t-sync", download.Split("\r\n"));
    }

    [Fact]
    public async Task A_synchronous_Send_retries_a_transient_failure_and_turns_a_refusal_into_its_typed_exception()
    {
        int downloads = 0;
        await using var server = new LoopbackServer(head => head.StartsWith("POST", StringComparison.Ordinal) ? Token()
            : Interlocked.Increment(ref downloads) switch
            {
                1 => LoopbackServer.Response("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\n", Encoding.ASCII.GetBytes("<html>busy</html>")),
                2 => FileResponse(),
                _ => LoopbackServer.Response("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(FeishuErrorCodes.ResourceDeleted, "resource deleted"))),
            });
        (ServiceProvider provider, HttpClient http) = SdkHttpClient(server);
        await using ServiceProvider _ = provider;

        using HttpResponseMessage retried = await Task.Run(() => http.Send(Download(server), HttpCompletionOption.ResponseHeadersRead));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, DownloadHeads(server).Length);

        await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => Task.Run(() => http.Send(Download(server), HttpCompletionOption.ResponseHeadersRead)));
    }
}
