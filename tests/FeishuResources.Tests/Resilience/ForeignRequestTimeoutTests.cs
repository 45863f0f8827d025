using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Resilience;

/// <summary>
/// <c>AddFeishuResources</c> returns the client's <see cref="IHttpClientBuilder"/>, so a user may send requests of their
/// own through it: a timeout then names no download, only the request.
/// </summary>
public sealed class ForeignRequestTimeoutTests
{
    [Fact]
    public async Task A_users_own_request_without_response_headers_times_out_naming_the_request_and_AttemptTimeout()
    {
        using var hang = new ManualResetEventSlim();
        await using var server = new LoopbackServer(head =>
        {
            if (head.StartsWith("POST", StringComparison.Ordinal))
            {
                return LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(MockFeishu.TokenBody("t-foreign", 7200)));
            }

            hang.Wait(TimeSpan.FromSeconds(10));
            return LoopbackServer.Response("HTTP/1.1 200 OK\r\n", Encoding.UTF8.GetBytes("late"));
        });
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddFeishuResources(o =>
        {
            o.AppId = "cli_foreign";
            o.AppSecret = "foreign-secret";
            o.BaseAddress = server.BaseAddress;
            o.Retry.MaxRetryAttempts = 0;
            o.Timeouts.AttemptTimeout = TimeSpan.FromSeconds(1.5);
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(builder.Name);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => http.GetAsync(new Uri(server.BaseAddress, "healthz")));
        hang.Set();

        Assert.Equal("No response headers for the request within 1.5 s (FeishuTimeoutOptions.AttemptTimeout).", ex.Message);
    }
}
