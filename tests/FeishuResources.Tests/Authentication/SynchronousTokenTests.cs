using System.Runtime.CompilerServices;
using System.Text;
using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>The synchronous path (<c>HttpClient.Send</c>, a synchronous read that resumes) treats tokens as the asynchronous one does.</summary>
public sealed class SynchronousTokenTests
{
    private const int Size = 30_000;
    private const int DropAfter = 10_000;

    [Fact]
    public async Task A_synchronous_Send_whose_token_is_rejected_logs_the_rejection_with_its_code_and_log_id()
    {
        int downloads = 0;
        await using var server = new LoopbackServer(head => head.StartsWith("POST", StringComparison.Ordinal)
            ? Json("200 OK", MockFeishu.TokenBody("t-sync", 7200))
            : Interlocked.Increment(ref downloads) == 1
                ? Json("401 Unauthorized\r\nX-Tt-Logid: SYNCREJECTLOG", MockFeishu.ErrorBody(FeishuErrorCodes.TenantAccessTokenInvalid))
                : LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n", Encoding.ASCII.GetBytes("file")));
        var logs = new FakeLogCollector();
        (ServiceProvider provider, string name) = Build(server, logs);
        await using var disposeProvider = provider;
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        using HttpResponseMessage response = await Task.Run(() => http.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "open-apis/im/v1/files/file_v3_sync")), HttpCompletionOption.ResponseHeadersRead));

        Assert.Contains("The platform rejected the access token with code 99991663 (log id SYNCREJECTLOG)", logs.MessageText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_synchronous_read_that_resumes_sends_the_callers_own_token_and_fetches_none()
    {
        byte[] file = new byte[Size];
        new Random(5).NextBytes(file);
        await using var server = new LoopbackServer(head => head.StartsWith("POST", StringComparison.Ordinal)
            ? Json("200 OK", MockFeishu.TokenBody("t-fetched", 7200))
            : head.Contains($"Range: bytes={DropAfter}-", StringComparison.Ordinal)
                ? [.. Encoding.Latin1.GetBytes($"HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes {DropAfter}-{Size - 1}/{Size}\r\nContent-Length: {Size - DropAfter}\r\nConnection: close\r\n\r\n"), .. file.AsSpan(DropAfter)]
                : [.. Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Size}\r\nConnection: close\r\n\r\n"), .. file.AsSpan(0, DropAfter)]);
        (ServiceProvider provider, _) = Build(server, new FakeLogCollector());
        await using var disposeProvider = provider;
        await using FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_v3_own", new FeishuRequestOptions { AccessToken = "u-callers-own" });

        byte[] received = await Task.Run(() =>
        {
            using var copy = new MemoryStream();
            download.Content.CopyTo(copy);
            return copy.ToArray();
        });

        Assert.Equal(file, received);
        string[] heads = [.. server.Requests.Select(r => r.Head)];
        Assert.Equal(2, heads.Length);
        Assert.All(heads, h => Assert.Contains("Authorization: Bearer u-callers-own", h, StringComparison.Ordinal));
        Assert.Contains($"Range: bytes={DropAfter}-", heads[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_synchronous_Send_waits_for_a_registered_providers_token_that_arrives_later_on_a_pooled_ValueTask()
    {
        await using var server = new LoopbackServer(_ => LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n", Encoding.ASCII.GetBytes("file")));
        (ServiceProvider provider, string name) = Build(server, new FakeLogCollector(), b => b.UseTokenProvider(_ => new LatePooledTokenProvider()));
        await using var disposeProvider = provider;
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        using HttpResponseMessage response = await Task.Run(() => http.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "open-apis/im/v1/files/file_v3_pooled")), HttpCompletionOption.ResponseHeadersRead));

        Assert.Contains("Authorization: Bearer u-pooled", Assert.Single(server.Requests).Head, StringComparison.Ordinal);
    }

    private static (ServiceProvider Provider, string Name) Build(LoopbackServer server, FakeLogCollector logs, Action<IHttpClientBuilder>? client = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        IHttpClientBuilder builder = services.AddFeishuResources(o =>
        {
            o.AppId = "cli_sync_tokens";
            o.AppSecret = "sync-tokens-secret";
            o.BaseAddress = server.BaseAddress;
            o.ParallelChunks = 1;
        });
        client?.Invoke(builder);
        return (services.BuildServiceProvider(), builder.Name);
    }

    private static byte[] Json(string status, string json)
        => LoopbackServer.Response("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(json));

    /// <summary>A provider whose token comes later, on a pooled ValueTask (an IValueTaskSource, not a Task, underneath).</summary>
    private sealed class LatePooledTokenProvider : IFeishuTokenProvider
    {
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            return "u-pooled";
        }
    }
}
