using System.Net;
using System.Net.Http.Headers;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// A cancelled read or copy of <c>Content</c> throws an <see cref="OperationCanceledException"/> carrying the caller's
/// own token, as any stream does — whether or not the idle watch links it with a token of its own — so
/// <c>catch (OperationCanceledException e) when (e.CancellationToken == token)</c> works.
/// </summary>
public sealed class CancelledReadTokenTests
{
    private const string Key = "file_quiet";

    public static TheoryData<bool, bool> Cases => new() { { true, false }, { false, false }, { true, true }, { false, true } };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_cancelled_read_or_copy_throws_with_the_callers_token(bool idleWatch, bool copy)
    {
        using var feishu = new MockFeishu(o => o.Timeouts.BodyIdleTimeout = idleWatch ? TimeSpan.FromMinutes(5) : Timeout.InfiniteTimeSpan);
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + Key).Respond(_ =>
        {
            var content = new StreamContent(new SilentStream());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = 10;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var cancel = new CancellationTokenSource();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);
        Task reading = copy ? download.CopyToAsync(Stream.Null, cancellationToken: cancel.Token) : download.Content.ReadAsync(new byte[10], 0, 10, cancel.Token);
        await cancel.CancelAsync();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(cancel.Token, ex.CancellationToken);
    }
}
