using System.Diagnostics;
using System.Security.Cryptography;
using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>The emulator's per-response bandwidth cap reproduces a slow link without a pacer of the test's own.</summary>
public sealed class EmulatorBandwidthTests
{
    private const string MessageId = "om_bandwidth";

    [Fact]
    public async Task A_capped_response_arrives_whole_and_no_faster_than_the_cap()
    {
        const int Size = 600_000;
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(new FeishuEmulatorOptions { ResponseBytesPerSecond = 1_000_000 });
        byte[] bytes = RandomNumberGenerator.GetBytes(Size);
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_capped", FeishuResourceType.File, FeishuEmulatorContent.FromBytes(bytes), "application/zip", "capped.zip");

        var stopwatch = Stopwatch.StartNew();
        await using FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, "file_v3_capped", FeishuResourceType.File);
        byte[] hash = await SHA256.HashDataAsync(download.Content);
        stopwatch.Stop();

        Assert.Equal(SHA256.HashData(bytes), hash);
        // 600 KB at 1 MB/s cannot take less than 0.6 s; the margin covers the first chunk, which goes out at once.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(0.55), $"took {stopwatch.Elapsed.TotalSeconds:0.000} s");
    }

    [Fact]
    public async Task A_ranged_response_is_paced_on_its_own_length()
    {
        const int Size = 2_000_000;
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(new FeishuEmulatorOptions { ResponseBytesPerSecond = 500_000 });
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_ranged", FeishuResourceType.File, FeishuEmulatorContent.Generated(Size, seed: 3), "application/zip", "ranged.zip");
        using HttpClient raw = RawFeishu.CreateClient(feishu.Emulator);
        string token = await RawFeishu.GetTokenAsync(raw, feishu.Emulator);
        using HttpRequestMessage request = RawFeishu.Get($"/open-apis/im/v1/messages/{MessageId}/resources/file_v3_ranged?type=file", token, "bytes=0-299999");

        var stopwatch = Stopwatch.StartNew();
        using HttpResponseMessage response = await raw.SendAsync(request);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        stopwatch.Stop();

        Assert.Equal(300_000, body.Length);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(0.55), $"took {stopwatch.Elapsed.TotalSeconds:0.000} s");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public async Task A_cap_that_is_not_positive_is_refused_naming_the_option(long bytesPerSecond)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FeishuEmulator.StartAsync(new FeishuEmulatorOptions { ResponseBytesPerSecond = bytesPerSecond }));

        Assert.Equal(nameof(FeishuEmulatorOptions.ResponseBytesPerSecond), error.ParamName);
    }
}
