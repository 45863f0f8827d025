using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Http;

/// <summary>
/// How much of an answer the SDK reads to tell a file from a refusal, and that reading it honours the caller:
/// never past 64 KiB and one byte, never a file's body before handing the file over, always cancellable,
/// never on the caller's <see cref="SynchronizationContext"/>.
/// </summary>
public sealed class ClassifierBodyReadTests
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_refusal_whose_body_runs_past_64_KiB_is_reported_by_its_status_without_waiting_for_the_rest()
    {
        // Valid JSON up to the byte after the limit, then more that never comes: the SDK reads 64 KiB + 1,
        // sees the body is too long to be an envelope, and does not parse a code out of a body it did not read whole.
        byte[] start = Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(FeishuErrorCodes.ResourceDeleted, "resource deleted").PadRight(MaxErrorBodyBytes + 1));
        var body = new ClassifierGatedStream([.. start, .. "  "u8.ToArray()], start.Length);
        using var feishu = new MockFeishu();
        feishu.Http.Fallback.Respond(_ => Answer(HttpStatusCode.BadRequest, body, "application/json"));
        try
        {
            var ex = await Assert.ThrowsAnyAsync<FeishuApiException>(() => feishu.Client.DownloadFileAsync("file_k").WaitAsync(Bound));

            Assert.Equal(0, ex.Error.Code);
            Assert.Equal(HttpStatusCode.BadRequest, ex.Error.StatusCode);
            Assert.Equal("Bad Request", ex.Error.Message);
            Assert.False(body.ReadHeld.Task.IsCompleted, "the SDK waited for the body past 64 KiB + 1 byte");
        }
        finally
        {
            body.Release();
        }
    }

    [Fact]
    public async Task A_JSON_file_announced_longer_than_64_KiB_is_handed_over_before_its_body_arrives()
    {
        byte[] file = Encoding.UTF8.GetBytes("{\"rows\":\"" + new string('r', 100_000) + "\"}");
        var body = new ClassifierGatedStream(file, 0);
        using var feishu = new MockFeishu();
        feishu.Http.Fallback.Respond(_ =>
        {
            HttpResponseMessage response = Answer(HttpStatusCode.OK, body, "application/json");
            response.Content.Headers.ContentLength = file.Length;
            return response;
        });
        try
        {
            using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_k").WaitAsync(Bound);
            Assert.False(body.ReadHeld.Task.IsCompleted, "the SDK read a file's body before handing it over");

            body.Release();
            var copy = new MemoryStream();
            await download.CopyToAsync(copy).WaitAsync(Bound);
            Assert.Equal(file, copy.ToArray());
        }
        finally
        {
            body.Release();
        }
    }

    [Fact]
    public async Task Cancelling_a_download_while_its_error_body_is_still_arriving_ends_it_at_once()
    {
        byte[] error = Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(FeishuErrorCodes.ResourceDeleted, "resource deleted"));
        var body = new ClassifierGatedStream(error, 10);
        using var feishu = new MockFeishu();
        feishu.Http.Fallback.Respond(_ => Answer(HttpStatusCode.BadRequest, body, "application/json"));
        using var cancellation = new CancellationTokenSource();
        try
        {
            Task<FeishuDownload> download = feishu.Client.DownloadFileAsync("file_k", cancellation.Token);
            await body.ReadHeld.Task.WaitAsync(Bound);

            cancellation.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.WaitAsync(Bound));
        }
        finally
        {
            body.Release();
        }
    }

    [Fact]
    public async Task A_refusal_whose_error_body_arrives_late_never_continues_on_the_callers_context()
    {
        byte[] error = Encoding.UTF8.GetBytes(MockFeishu.ErrorBody(FeishuErrorCodes.ResourceDeleted, "resource deleted"));
        using var feishu = new MockFeishu(client: b => b.ConfigurePrimaryHttpMessageHandler(() => new LateErrorBodyHandler(error)));
        var context = new CountingSynchronizationContext();

        var ex = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => context.Start(
            () => feishu.Client.DownloadFileAsync("file_k", new FeishuRequestOptions { AccessToken = "u-user-token" })).WaitAsync(Bound));

        Assert.Equal(FeishuErrorCodes.ResourceDeleted, ex.Error.Code);
        Assert.Equal(0, context.Posts);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, Stream body, string mediaType)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(status) { Content = content };
    }

    /// <summary>Refuses at once, with an error body whose reads complete later, so each await on them suspends.</summary>
    private sealed class LateErrorBodyHandler(byte[] error) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = Answer(HttpStatusCode.BadRequest, new DelayedReadStream(error), "application/json");
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
