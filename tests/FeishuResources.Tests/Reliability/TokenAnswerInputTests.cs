using System.Text;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Reliability;

/// <summary>
/// A token endpoint's answer as a misbehaving gateway or a hostile server may shape it. An answer that issued a
/// token is used (its life clamped), whatever the number format of <c>expire</c>; a token no header can carry is
/// the endpoint's failure, never a raw header exception from deep inside the download.
/// </summary>
public sealed class TokenAnswerInputTests
{
    private static readonly string[] OddExpires = ["3e11", "7200.5", "1e300", "99999999999999999999999", "1e400"];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_token_whose_expire_is_a_float_or_beyond_a_long_is_used_not_taken_for_refused_credentials(int which)
    {
        await using var server = TokenServer($$"""{"code":0,"msg":"ok","tenant_access_token":"t-odd","expire":{{OddExpires[which]}}}""");
        await using ServiceProvider provider = LoopbackClient.Build(server.BaseAddress);

        using FeishuDownload download = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_v3_x");
        await download.CopyToAsync(Stream.Null);

        Assert.Contains(server.Requests, r => r.Head.Contains("Authorization: Bearer t-odd", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("t-line\\r\\nX-Injected: 1")]
    [InlineData("t-caf\\u00e9")]
    [InlineData("t-with space")]
    public async Task A_token_no_header_can_carry_is_the_endpoints_failure_and_no_download_is_sent(string jsonToken)
    {
        await using var server = TokenServer($$"""{"code":0,"msg":"ok","tenant_access_token":"{{jsonToken}}","expire":7200}""");
        await using ServiceProvider provider = LoopbackClient.Build(server.BaseAddress);

        var failure = await Assert.ThrowsAnyAsync<FeishuApiException>(() => provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync("file_v3_x"));

        Assert.Contains("header", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(jsonToken[..5], failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Head.StartsWith("GET", StringComparison.Ordinal));
    }

    private static LoopbackServer TokenServer(string tokenAnswer)
        => new(head => head.StartsWith("POST", StringComparison.Ordinal)
            ? LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", Encoding.UTF8.GetBytes(tokenAnswer))
            : LoopbackServer.Response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n", new byte[10]));
}
