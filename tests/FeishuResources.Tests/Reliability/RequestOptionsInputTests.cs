using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Reliability;

/// <summary>
/// What a caller puts in <see cref="FeishuRequestOptions"/> reaches the wire too: a tenant key in the token request's
/// JSON, an access token in the Authorization header. Text no request can carry unchanged is bad input, refused before
/// any request, naming what is wrong. Over real sockets: only they apply .NET's header rules.
/// </summary>
public sealed class RequestOptionsInputTests
{
    private static readonly string[] UnsendableTokens = ["u-tok\uD800en", "u-tok\r\nX-Injected: 1", "u-t\u00f6ken", "u-tok en"];
    private static readonly string[] LoneSurrogateTenants = ["tenant\uD800", "\uDC00tenant"];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task An_access_token_no_header_can_carry_unchanged_is_refused_naming_it_before_any_request(int which)
    {
        await using var server = new LoopbackServer(_ => LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n", new byte[10]));
        await using ServiceProvider provider = Build(server.BaseAddress, FeishuAppType.SelfBuilt);
        var client = provider.GetRequiredService<IFeishuResourceClient>();
        var options = new FeishuRequestOptions { AccessToken = UnsendableTokens[which] };

        var file = await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadFileAsync("file_v3_x", options));
        var resource = await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadMessageResourceAsync("om_x", "file_v3_x", FeishuResourceType.File, options));

        Assert.Equal("requestOptions", file.ParamName);
        Assert.Contains("AccessToken", file.Message, StringComparison.Ordinal);
        Assert.Equal("requestOptions", resource.ParamName);
        Assert.DoesNotContain("tok", file.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_tenant_key_with_a_lone_surrogate_is_refused_naming_it_before_any_request(int which)
    {
        await using var server = new LoopbackServer(_ => LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes("""{"code":0,"app_access_token":"a-1","tenant_access_token":"t-1","expire":7200}""")));
        await using ServiceProvider provider = Build(server.BaseAddress, FeishuAppType.Store);
        provider.GetRequiredService<FeishuResources.Authentication.FeishuAppTicketStore>().SetTicket("ticket");
        var client = provider.GetRequiredService<IFeishuResourceClient>();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadFileAsync("file_v3_x", new FeishuRequestOptions { TenantKey = LoneSurrogateTenants[which] }));

        Assert.Equal("requestOptions", refused.ParamName);
        Assert.Contains("TenantKey", refused.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    private static ServiceProvider Build(Uri baseAddress, FeishuAppType appType)
        => LoopbackClient.Build(baseAddress, o => o.AppType = appType);
}
