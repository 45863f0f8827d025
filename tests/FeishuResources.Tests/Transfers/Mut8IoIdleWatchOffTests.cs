using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// With <see cref="FeishuTimeoutOptions.BodyIdleTimeout"/> set to infinite the body is not watched at all: a read
/// goes to the network stream with the caller's own token, so a cancelled read says it was the caller's token.
/// </summary>
public sealed class Mut8IoIdleWatchOffTests
{
    private const string Key = "file_quiet";

    [Fact]
    public async Task With_the_idle_timeout_off_a_cancelled_read_throws_with_the_callers_token()
    {
        using var feishu = new MockFeishu(o => o.Timeouts.BodyIdleTimeout = Timeout.InfiniteTimeSpan);
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + Key).Respond(_ =>
        {
            var content = new StreamContent(new SilentBody());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = 10;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var cancel = new CancellationTokenSource();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);
        Task<int> reading = download.Content.ReadAsync(new byte[10], 0, 10, cancel.Token);
        await cancel.CancelAsync();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(cancel.Token, ex.CancellationToken);
    }

    /// <summary>A body whose bytes never come: each read waits until it is cancelled.</summary>
    private sealed class SilentBody : StubStream
    {
        public override bool CanRead => true;

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }
}
