using System.Diagnostics;
using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace FeishuResources.Tests.Resilience;

/// <summary>
/// A synchronous <c>Read</c> whose connection dropped resumes with a synchronous request, through the same timeouts,
/// quota and telemetry as an asynchronous one: its failures are reported the same way.
/// </summary>
public sealed class SynchronousResumeFailureTests
{
    private const string FileKey = "file_v3_sync_fails";
    private const int Size = 64 * 1024;
    private const int DropAfter = 20 * 1024;

    [Fact]
    public async Task A_synchronous_resume_without_response_headers_times_out_naming_the_download_and_AttemptTimeout()
    {
        using var hang = new ManualResetEventSlim();
        await using var server = new LoopbackServer(head => Respond(head, () => { hang.Wait(TimeSpan.FromSeconds(10)); return ServiceUnavailable(); }));
        await using ServiceProvider provider = LoopbackClient.Build(server.BaseAddress, o => o.Timeouts.AttemptTimeout = TimeSpan.FromSeconds(1.5));

        Exception failure = await ReadDroppedBodySynchronouslyAsync(provider);
        hang.Set();

        Assert.Contains("No response headers for the download of '" + FileKey + "' within 1.5 s (FeishuTimeoutOptions.AttemptTimeout).", Messages(failure));
    }

    [Fact]
    public async Task A_synchronous_resume_past_its_total_budget_times_out_naming_TotalTimeout()
    {
        using var hang = new ManualResetEventSlim();
        await using var server = new LoopbackServer(head => Respond(head, () => { hang.Wait(TimeSpan.FromSeconds(10)); return ServiceUnavailable(); }));
        // The first attempt times out and is retried at once; the budget ends during the second.
        await using ServiceProvider provider = LoopbackClient.Build(server.BaseAddress, o =>
        {
            o.Timeouts.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.Timeouts.TotalTimeout = TimeSpan.FromSeconds(1.5);
            o.Retry.MaxRetryAttempts = 1;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        });

        Exception failure = await ReadDroppedBodySynchronouslyAsync(provider);
        hang.Set();

        Assert.Contains("within its total budget of 1.5 s (FeishuTimeoutOptions.TotalTimeout)", Messages(failure));
    }

    [Fact]
    public async Task A_synchronous_resume_answered_429_pauses_the_quota_for_every_caller()
    {
        var logs = new FakeLogCollector();
        await using var server = new LoopbackServer(head => Respond(head, () => LoopbackServer.Response(
            "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(99991400, "request trigger frequency limit")))));
        await using ServiceProvider provider = LoopbackClient.Build(
            server.BaseAddress,
            o => { o.RateLimit.Enabled = true; o.Retry.MaxRateLimitRetryAttempts = 0; },
            services => services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs))));

        Exception failure = await ReadDroppedBodySynchronouslyAsync(provider);

        Assert.Contains(Chain(failure), e => e is FeishuRateLimitedException);
        Assert.Contains("ServerRateLimited", logs.AllText());
    }

    [Fact]
    public async Task A_synchronous_retry_that_fails_again_marks_its_activity_failed()
    {
        using var telemetry = new TelemetryCapture();
        await using var server = new LoopbackServer(head => Respond(head, ServiceUnavailable));
        await using ServiceProvider provider = LoopbackClient.Build(server.BaseAddress, o =>
        {
            o.AppId = telemetry.AppId;
            o.Retry.MaxRetryAttempts = 1;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        });

        await ReadDroppedBodySynchronouslyAsync(provider);

        Activity retry = Assert.Single(telemetry.StoppedNamed("feishu.download.retry"));
        Assert.Equal(ActivityStatusCode.Error, retry.Status);
        Assert.Equal(503, retry.GetTagItem("http.response.status_code"));
    }

    /// <summary>Downloads the file, then reads its body synchronously past the drop; returns what the read threw.</summary>
    private static async Task<Exception> ReadDroppedBodySynchronouslyAsync(ServiceProvider provider)
    {
        IFeishuResourceClient client = provider.GetRequiredService<IFeishuResourceClient>();
        await using FeishuDownload download = await client.DownloadFileAsync(FileKey);
        byte[] buffer = new byte[8192];
        return Assert.ThrowsAny<Exception>(() =>
        {
            while (download.Content.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        });
    }

    /// <summary>The token, then the file announced whole but cut after <see cref="DropAfter"/> bytes, then <paramref name="resume"/> for the rest.</summary>
    private static byte[] Respond(string head, Func<byte[]> resume)
    {
        if (head.StartsWith("POST", StringComparison.Ordinal))
        {
            return LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-sync-fails", 7200)));
        }

        if (head.Contains($"Range: bytes={DropAfter}-", StringComparison.Ordinal))
        {
            return resume();
        }

        return [.. Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Size}\r\nConnection: close\r\n\r\n"), .. new byte[DropAfter]];
    }

    private static byte[] ServiceUnavailable()
        => LoopbackServer.Response("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(1500, "busy")));

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static string Messages(Exception failure) => string.Join(" | ", Chain(failure).Select(e => e.GetType().Name + ": " + e.Message));
}
