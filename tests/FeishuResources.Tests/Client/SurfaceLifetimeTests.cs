using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Xunit;

namespace FeishuResources.Tests.Client;

/// <summary>The standalone client and a download: what works before disposal, and what disposal releases.</summary>
public sealed class SurfaceLifetimeTests
{
    [Fact]
    public async Task A_standalone_client_downloads_until_it_is_disposed_asynchronously()
    {
        await using var server = new LoopbackServer(_ => LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n", [7, 8, 9]));
        FeishuResourceClient client = FeishuResourceClient.Create(new FeishuResourcesOptions { AppId = "cli_x", AppSecret = "secret", BaseAddress = server.BaseAddress });
        var asUser = new FeishuRequestOptions { AccessToken = "u-user-token" };

        using (FeishuDownload download = await client.DownloadFileAsync("file_k", asUser))
        {
            var copy = new MemoryStream();
            await download.CopyToAsync(copy);
            Assert.Equal(new byte[] { 7, 8, 9 }, copy.ToArray());
        }

        await client.DisposeAsync();
        await client.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => { _ = client.DownloadFileAsync("file_k", asUser); });
    }

    [Fact]
    public void A_standalone_client_with_invalid_options_is_refused_at_creation()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => FeishuResourceClient.Create(new FeishuResourcesOptions { AppId = "", AppSecret = "secret" }));

        Assert.Contains("AppId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_a_download_asynchronously_releases_its_body()
    {
        var body = new SurfaceDisposeTrackingStream([1, 2, 3]);
        FeishuDownload download = FeishuResourcesModelFactory.Download(body, contentLength: 3);

        await download.DisposeAsync();

        Assert.True(body.Disposed);
    }

    private sealed class SurfaceDisposeTrackingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
