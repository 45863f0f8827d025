using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Client;

public sealed class PrimaryHandlerTests
{
    [Fact]
    public async Task A_primary_handler_that_does_not_link_responses_to_requests_still_serves_files()
    {
        using ServiceProvider provider = Build(download: () =>
        {
            var content = new ByteArrayContent([1, 2, 3]);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        await using FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_k");

        Assert.Equal("file_k", download.ResourceKey);
        Assert.Equal(3, download.ContentLength);
    }

    [Fact]
    public async Task A_primary_handler_that_does_not_link_responses_to_requests_still_yields_typed_errors()
    {
        using ServiceProvider provider = Build(download: () => MockFeishu.Json(HttpStatusCode.BadRequest, MockFeishu.ErrorBody(234005)));

        var ex = await Assert.ThrowsAsync<FeishuResourceNotFoundException>(() => provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_k"));

        Assert.Contains("file_k", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Func<HttpResponseMessage> download)
    {
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => new UnlinkedHandler(download)));
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_x";
            o.AppSecret = "secret";
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Like many hand-written fakes and some third-party handlers: never sets <see cref="HttpResponseMessage.RequestMessage"/>.</summary>
    private sealed class UnlinkedHandler(Func<HttpResponseMessage> download) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(request.Method == HttpMethod.Post
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(MockFeishu.TokenBody("t-x", 7200), Encoding.UTF8, "application/json") }
                : download());
    }
}
