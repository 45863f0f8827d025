using FeishuResources.Authentication;
using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.IntegrationTests;

/// <summary>The SDK's token handling against the emulator's token endpoints: single flight, revocation, store apps.</summary>
public sealed class TokenTests
{
    private const string FileKey = "file_v3_token";

    [Fact]
    public async Task A_revoked_token_is_replaced_with_exactly_one_extra_token_request()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        var content = FeishuEmulatorContent.Generated(2048);
        feishu.Emulator.AddFile(FileKey, content, "application/octet-stream");
        (await feishu.Client.DownloadFileAsync(FileKey)).Dispose();

        feishu.Emulator.Faults.RevokeCurrentToken();
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FileKey);

        Assert.Equal(await HashingSink.HashOfAsync(content.OpenRead()), await HashingSink.HashOfAsync(download.Content));
        Assert.Equal(2, feishu.Emulator.Traffic.TokenRequests);
        Assert.Equal(3, feishu.Emulator.Traffic.CountRequests(FeishuEmulatorApi.Files));
    }

    [Fact]
    public async Task A_hundred_concurrent_cold_downloads_share_one_token_request()
    {
        // The emulator enforces 50/s: the client-side limiter spreads the 100 downloads, the token stays shared.
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddFile(FileKey, FeishuEmulatorContent.Generated(1024), "application/octet-stream");

        await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FileKey);
            await download.CopyToAsync(Stream.Null);
        }));

        Assert.Equal(1, feishu.Emulator.Traffic.TokenRequests);
        Assert.Equal(100, feishu.Emulator.Traffic.CountRequests(FeishuEmulatorApi.Files));
        Assert.Equal(0, feishu.Emulator.Traffic.RateLimitedResponses);
    }

    [Fact]
    public async Task A_store_app_downloads_with_an_app_token_then_a_tenant_token()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(configure: sdk => sdk.AppType = FeishuAppType.Store);
        feishu.Services.GetRequiredService<FeishuAppTicketStore>().SetTicket(feishu.Emulator.AppTicket);
        feishu.Emulator.AddFile(FileKey, FeishuEmulatorContent.Generated(100), "text/plain");

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FileKey, new FeishuRequestOptions { TenantKey = "tenant_2ed263bf32cf1651" });

        Assert.Equal(100, download.ContentLength);
        Assert.Equal(1, feishu.Emulator.Traffic.CountRequests(FeishuEmulatorApi.AppAccessToken));
        Assert.Equal(1, feishu.Emulator.Traffic.CountRequests(FeishuEmulatorApi.TenantAccessToken));
    }

    [Fact]
    public async Task A_store_app_without_a_ticket_asks_for_a_resend_and_succeeds_once_the_ticket_arrives()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(configure: sdk => sdk.AppType = FeishuAppType.Store);
        var tickets = feishu.Services.GetRequiredService<FeishuAppTicketStore>();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feishu.Emulator.AppTicketResent += (_, ticket) =>
        {
            tickets.SetTicket(ticket);
            arrived.TrySetResult();
        };
        feishu.Emulator.AddFile(FileKey, FeishuEmulatorContent.Generated(100), "text/plain");
        var tenant = new FeishuRequestOptions { TenantKey = "tenant_2ed263bf32cf1651" };

        var refusal = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => feishu.Client.DownloadFileAsync(FileKey, tenant));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FileKey, tenant);

        Assert.Equal(10012, refusal.Code);
        Assert.Equal(1, feishu.Emulator.Traffic.CountRequests(FeishuEmulatorApi.AppTicketResend));
        Assert.Equal(100, download.ContentLength);
    }
}
