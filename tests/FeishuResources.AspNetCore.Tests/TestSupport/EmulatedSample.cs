using FeishuResources.Testing;

namespace FeishuResources.AspNetCore.Tests.TestSupport;

/// <summary>An emulator seeded with the resources the sample tests ask for, and the sample app in front of it.</summary>
public sealed class EmulatedSample : IAsyncDisposable
{
    public const string MessageId = "om_sample_0001";
    public const string ReportKey = "file_v3_report";
    public const string ReportName = "季度报告 2026年 第一季度.pdf";
    public const string PhotoKey = "img_v3_photo";
    public const string SheetKey = "file_v3_sheet";

    private EmulatedSample(FeishuEmulator emulator)
    {
        Emulator = emulator;
        App = new SampleApp(emulator);
    }

    public FeishuEmulator Emulator { get; }

    public SampleApp App { get; }

    public FeishuEmulatorContent Report { get; } = FeishuEmulatorContent.Generated(200_000, seed: 11);

    public FeishuEmulatorContent Photo { get; } = FeishuEmulatorContent.Generated(90, seed: 12);

    public static async Task<EmulatedSample> StartAsync()
    {
        // A unique app per test: the SDK's rate limit is process-wide per app, and test classes run in parallel.
        var sample = new EmulatedSample(await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = "cli_sample_" + Guid.NewGuid().ToString("N")[..16] }));
        sample.Emulator.AddFile(ReportKey, sample.Report, "application/pdf", ReportName);
        sample.Emulator.AddMessageResource(MessageId, PhotoKey, FeishuResourceType.Image, sample.Photo, "image/png");
        sample.Emulator.AddMessageResource(MessageId, SheetKey, FeishuResourceType.File, FeishuEmulatorContent.Generated(10), "text/plain", "sheet.txt");
        return sample;
    }


    /// <summary>The log ids of the emulator's answers about <paramref name="resourceKey"/> (a refused ranged retry adds one).</summary>
    public IReadOnlyList<string> LogIdsFor(string resourceKey) => Emulator.Traffic.Requests.Where(r => r.ResourceKey == resourceKey).Select(r => r.LogId).ToList();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
