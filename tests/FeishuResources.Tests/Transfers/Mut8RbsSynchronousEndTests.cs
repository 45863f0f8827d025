using System.Net;
using System.Net.Http.Headers;
using FeishuResources.TestSupport;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// <c>StreamReader</c>, <c>ZipArchive</c> and image decoders read synchronously: a synchronous read of
/// <see cref="FeishuDownload.Content"/> reads the connection synchronously to the very end — the check that nothing
/// follows the declared length included — so it never needs a thread-pool thread that a starved pool cannot give.
/// </summary>
public sealed class Mut8RbsSynchronousEndTests
{
    private const long Size = 200_000;

    [Fact]
    public async Task Synchronous_reads_of_content_read_the_connection_synchronously_up_to_its_end()
    {
        using var feishu = new MockFeishu();
        Mut8RbsLateStream? body = null;
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/file_sync").Respond(_ =>
        {
            body = new Mut8RbsLateStream(new PatternStream(0, Size));
            var content = new StreamContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = Size;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_sync");
        byte[] hash = await Task.Run(() =>
        {
            using var sink = new HashingSink();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = download.Content.Read(buffer, 0, buffer.Length)) > 0)
            {
                sink.Write(buffer, 0, read);
            }

            // Asked again after the end, it stays at the end without touching the connection either.
            Assert.Equal(0, download.Content.Read(buffer, 0, buffer.Length));
            return sink.Hash();
        }).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(PatternStream.Sha256(Size), hash);
        Assert.Equal(0, body!.AsyncReads);
    }
}
