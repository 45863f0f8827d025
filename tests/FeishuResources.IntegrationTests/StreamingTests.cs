using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>Runs alone: it measures the whole process's allocations, which any test running beside it would inflate.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurement
{
    public const string Name = "Allocation measurement";
}

/// <summary>Large bodies stream from socket to caller without being buffered, and broken bodies never pass as complete.</summary>
[Collection(AllocationMeasurement.Name)]
public sealed class StreamingTests
{
    private const string MessageId = "om_stream";

    /// <remarks>
    /// The emulator runs in this process, so the process-wide count also holds Kestrel's side of the
    /// transfer and HttpClient's socket reads: about 0.8 MB for 90 MB, mostly Kestrel recycling its pooled
    /// blocks. The test therefore measures the SDK against a plain HttpClient reading the same bytes from
    /// the same server, after both have warmed up; what the SDK adds on top is its own cost.
    /// </remarks>
    [Fact]
    public async Task A_90_MB_download_streams_with_well_under_1_MB_of_managed_allocation()
    {
        const long Size = 90L * 1024 * 1024;
        const string Key = "file_v3_90mb";
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        var content = FeishuEmulatorContent.Generated(Size, seed: 5);
        feishu.Emulator.AddMessageResource(MessageId, Key, FeishuResourceType.File, content, "video/mp4", "clip.mp4");
        byte[] expectedHash = await HashingSink.HashOfAsync(content.OpenRead());
        using HttpClient raw = RawFeishu.CreateClient(feishu.Emulator);
        string token = await RawFeishu.GetTokenAsync(raw, feishu.Emulator);
        byte[] buffer = new byte[81920];
        await using var sink = new HashingSink();

        // The first run of each warms the JIT, the connection pools and Kestrel's memory pool. The process-wide count
        // also catches whatever else runs meanwhile (a loaded machine wakes more socket reads that find no data, each
        // a state machine, and Kestrel grows its pool), so each side counts its least of three runs.
        await MeasureAsync(ReadWithPlainHttpClientAsync);
        long baseline = await LeastOfThreeAsync(ReadWithPlainHttpClientAsync);
        await MeasureAsync(() => DownloadWithSdkAsync(Stream.Null));
        long withSdk = await LeastOfThreeAsync(() => DownloadWithSdkAsync(Stream.Null));
        await DownloadWithSdkAsync(sink);

        Assert.Equal(Size, sink.BytesWritten);
        Assert.Equal(expectedHash, sink.Hash());
        Assert.True(withSdk - baseline < 512 * 1024, $"The SDK allocated {withSdk - baseline:N0} bytes more than a plain HttpClient ({withSdk:N0} vs {baseline:N0}) for {Size:N0} bytes.");
        Assert.True(withSdk < 4 * 1024 * 1024, $"The whole process allocated {withSdk:N0} bytes for {Size:N0} bytes.");

        async Task ReadWithPlainHttpClientAsync()
        {
            using HttpResponseMessage response = await raw.SendAsync(
                RawFeishu.Get($"open-apis/im/v1/messages/{MessageId}/resources/{Key}?type=file", token), HttpCompletionOption.ResponseHeadersRead);
            await using Stream body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(buffer) > 0)
            {
            }
        }

        async Task DownloadWithSdkAsync(Stream destination)
        {
            await using FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, Key, FeishuResourceType.File);
            await download.CopyToAsync(destination);
        }
    }

    private static async Task<long> LeastOfThreeAsync(Func<Task> transfer)
        => Math.Min(await MeasureAsync(transfer), Math.Min(await MeasureAsync(transfer), await MeasureAsync(transfer)));

    private static async Task<long> MeasureAsync(Func<Task> transfer)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        await transfer();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_resumes_with_Range_and_delivers_the_exact_bytes()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(configure: o => o.ParallelChunks = 1);
        var content = FeishuEmulatorContent.Generated(2 * 1024 * 1024, seed: 2);
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_drop", FeishuResourceType.File, content, "application/zip");
        feishu.Emulator.Faults.DropConnectionAfter(700_000, "file_v3_drop");
        await using var sink = new HashingSink();

        await using (FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, "file_v3_drop", FeishuResourceType.File))
        {
            await download.CopyToAsync(sink);
        }

        Assert.Equal(await HashingSink.HashOfAsync(content.OpenRead()), sink.Hash());
        FeishuEmulatorRequest resume = Assert.Single(feishu.Emulator.Traffic.Requests, r => r.Headers.Any(h => h.Key.Equals("Range", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(206, resume.StatusCode);
        Assert.StartsWith("bytes=", resume.Headers.First(h => h.Key.Equals("Range", StringComparison.OrdinalIgnoreCase)).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_resumption_off_a_dropped_connection_fails_and_never_passes_as_complete()
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync(configure: o => o.MaxResumeAttempts = 0);
        feishu.Emulator.AddMessageResource(MessageId, "file_v3_drop", FeishuResourceType.File, FeishuEmulatorContent.Generated(2 * 1024 * 1024, seed: 2), "application/zip");
        feishu.Emulator.Faults.DropConnectionAfter(700_000, "file_v3_drop");

        await using FeishuDownload download = await feishu.Client.DownloadMessageResourceAsync(MessageId, "file_v3_drop", FeishuResourceType.File);
        var failure = await Assert.ThrowsAsync<FeishuDownloadException>(() => download.CopyToAsync(Stream.Null));

        Assert.True(failure.BytesReceived < 2 * 1024 * 1024);
        Assert.Equal(2 * 1024 * 1024, failure.BytesExpected);
    }
}
