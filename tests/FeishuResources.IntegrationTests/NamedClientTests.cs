using FeishuResources.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeishuResources.IntegrationTests;

/// <summary>Two apps in one process through named clients: each its own app, base address, tokens and quota.</summary>
public sealed class NamedClientTests
{
    private const string FileKey = "file_v3_named";

    [Fact]
    public async Task Two_named_clients_talk_to_their_own_platform_with_their_own_tokens_and_quota()
    {
        await using FeishuEmulator sales = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = "cli_named_sales" });
        await using FeishuEmulator support = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = "cli_named_support" });
        sales.AddFile(FileKey, FeishuEmulatorContent.Generated(1024, seed: 1), "application/octet-stream");
        support.AddFile(FileKey, FeishuEmulatorContent.Generated(2048, seed: 2), "application/octet-stream");

        var services = new ServiceCollection();
        services.AddFeishuResources("sales", o => { sales.ConfigureClient(o); OnePermitAMinute(o); });
        services.AddFeishuResources("support", o => { support.ConfigureClient(o); OnePermitAMinute(o); });
        await using ServiceProvider provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IFeishuResourceClientFactory>();

        // One permit a minute each: a shared quota would hold the second app's download for a minute.
        await using FeishuDownload fromSales = await factory.CreateClient("sales").DownloadFileAsync(FileKey).WaitAsync(TimeSpan.FromSeconds(10));
        await using FeishuDownload fromSupport = await factory.CreateClient("support").DownloadFileAsync(FileKey).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1024L, fromSales.ContentLength);
        Assert.Equal(2048L, fromSupport.ContentLength);
        Assert.Equal((1, 1), (sales.Traffic.TokenRequests, sales.Traffic.CountRequests(FeishuEmulatorApi.Files)));
        Assert.Equal((1, 1), (support.Traffic.TokenRequests, support.Traffic.CountRequests(FeishuEmulatorApi.Files)));

        // The sales app's own quota is spent: its next download waits for it.
        using var giveUp = new CancellationTokenSource();
        Task<FeishuDownload> overQuota = factory.CreateClient("sales").DownloadFileAsync(FileKey, giveUp.Token);
        Assert.False(overQuota.IsCompleted);
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => overQuota);
        Assert.Equal(1, sales.Traffic.CountRequests(FeishuEmulatorApi.Files));
    }

    [Fact]
    public async Task A_named_client_beside_the_default_one_keeps_its_own_base_address()
    {
        await using FeishuEmulator main = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = "cli_named_main" });
        await using FeishuEmulator lark = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = "cli_named_lark" });
        main.AddFile(FileKey, FeishuEmulatorContent.Generated(10), "application/octet-stream");
        lark.AddFile(FileKey, FeishuEmulatorContent.Generated(20), "application/octet-stream");

        var services = new ServiceCollection();
        services.AddFeishuResources(main.ConfigureClient);
        services.AddFeishuResources("lark", lark.ConfigureClient);
        await using ServiceProvider provider = services.BuildServiceProvider();

        await using FeishuDownload fromDefault = await provider.GetRequiredService<IFeishuResourceClient>().DownloadFileAsync(FileKey);
        await using FeishuDownload fromLark = await provider.GetRequiredService<IFeishuResourceClientFactory>().CreateClient("lark").DownloadFileAsync(FileKey);
        await using FeishuDownload defaultByName = await provider.GetRequiredService<IFeishuResourceClientFactory>().CreateClient(string.Empty).DownloadFileAsync(FileKey);

        Assert.Equal(new long?[] { 10, 20, 10 }, new[] { fromDefault.ContentLength, fromLark.ContentLength, defaultByName.ContentLength });
        Assert.Equal((1, 1), (main.Traffic.TokenRequests, lark.Traffic.TokenRequests));
    }

    private static void OnePermitAMinute(FeishuResourcesOptions options)
    {
        options.RateLimit.PermitsPerSecond = 1;
        options.RateLimit.PermitsPerMinute = 1;
        options.RateLimit.SafetyMargin = TimeSpan.Zero;
    }
}
