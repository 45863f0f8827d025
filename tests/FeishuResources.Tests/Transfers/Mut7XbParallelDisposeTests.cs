using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>Disposing a download stops a parallel save's range requests that are still waiting for an answer.</summary>
public sealed class Mut7XbParallelDisposeTests
{
    private const int Chunk = 64 * 1024;
    private const long Size = 8L * Chunk;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Dispose_during_a_parallel_save_cancels_the_ranges_still_waiting_for_their_answer()
    {
        var network = new StallingRangeHandler();
        using var feishu = new MockFeishu(
            o => { o.RangeChunkSize = Chunk; o.ParallelChunks = 4; },
            client: b => b.ConfigurePrimaryHttpMessageHandler(() => network));
        using var folder = new TempFolder();

        FeishuDownload download = await feishu.Client.DownloadFileAsync("file_parallel", new FeishuRequestOptions { AccessToken = "u-user-token" });
        Task<string> saving = download.SaveToDirectoryAsync(folder.Path);
        await FakeTimeDriver.EventuallyAsync(() => network.Stalled == 3, "the three other ranges were requested");
        download.Dispose();

        Exception? failure = await Record.ExceptionAsync(() => saving.WaitAsync(Patience));

        Assert.True(failure is ObjectDisposedException or OperationCanceledException, failure?.ToString() ?? "The save succeeded after Dispose.");
        Assert.Empty(folder.Names());
    }

    /// <summary>Answers the first range (the probe and its continuation) at once; every other range waits until cancelled.</summary>
    private sealed class StallingRangeHandler : HttpMessageHandler
    {
        private int _stalled;

        public int Stalled => Volatile.Read(ref _stalled);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            RangeItemHeaderValue range = request.Headers.Range!.Ranges.Single();
            long from = range.From!.Value;
            if (from < 2 * Chunk)
            {
                long to = range.To ?? Size - 1;
                HttpResponseMessage answer = PatternPartialResponse.Of(from, to, Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
                answer.RequestMessage = request;
                return answer;
            }

            Interlocked.Increment(ref _stalled);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
