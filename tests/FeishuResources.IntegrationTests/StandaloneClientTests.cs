using FeishuResources.Testing;
using Microsoft.Extensions.Options;

namespace FeishuResources.IntegrationTests;

/// <summary>FeishuResourceClient.Create: the SDK without dependency injection, with the same pipeline.</summary>
public sealed class StandaloneClientTests
{
    private const string FileKey = "file_v3_standalone";

    [Fact]
    public async Task A_client_created_without_DI_downloads_from_the_emulator()
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = "cli_standalone_ok" });
        var content = FeishuEmulatorContent.Generated(4096);
        emulator.AddFile(FileKey, content, "application/octet-stream");
        var options = new FeishuResourcesOptions();
        emulator.ConfigureClient(options);

        await using FeishuResourceClient client = FeishuResourceClient.Create(options);
        await using FeishuDownload download = await client.DownloadFileAsync(FileKey);

        Assert.Equal(await HashingSink.HashOfAsync(content.OpenRead()), await HashingSink.HashOfAsync(download.Content));
        Assert.Equal(1, emulator.Traffic.TokenRequests);
    }

    [Fact]
    public async Task Create_validates_the_options_before_any_request()
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync();
        var options = new FeishuResourcesOptions { AppId = "cli_standalone_bad", BaseAddress = emulator.BaseAddress };

        var ex = Assert.Throws<OptionsValidationException>(() => FeishuResourceClient.Create(options));

        Assert.Contains("AppSecret", ex.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Traffic.Requests);
        Assert.Throws<ArgumentNullException>("options", () => FeishuResourceClient.Create(null!));
    }

    [Fact]
    public async Task A_disposed_client_refuses_downloads_without_sending_them()
    {
        await using FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = "cli_standalone_disposed" });
        emulator.AddFile(FileKey, FeishuEmulatorContent.Generated(16), "application/octet-stream");
        var options = new FeishuResourcesOptions();
        emulator.ConfigureClient(options);
        FeishuResourceClient client = FeishuResourceClient.Create(options);
        (await client.DownloadFileAsync(FileKey)).Dispose();

        client.Dispose();
        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.DownloadFileAsync(FileKey));
        Assert.Equal(1, emulator.Traffic.CountRequests(FeishuEmulatorApi.Files));
    }
}
