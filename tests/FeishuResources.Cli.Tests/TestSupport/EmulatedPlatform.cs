using FeishuResources.Testing;

namespace FeishuResources.Cli.Tests.TestSupport;

/// <summary>
/// An emulator seeded with the resources the CLI tests download, a secret that must never be printed, and a
/// fresh working folder for the command, deleted afterwards.
/// </summary>
public sealed class EmulatedPlatform : IAsyncDisposable
{
    public const string MessageId = "om_cli_tests_0001";
    public const string Secret = "cli-tests-secret-never-printed-7f3a9c";

    /// <summary>A bot file with a Chinese name.</summary>
    public const string ReportKey = "file_v3_report";
    public const string ReportName = "季度报告 2026年第一季度.pdf";

    /// <summary>A small bot file, the target of the fault tests.</summary>
    public const string NotesKey = "file_v3_notes";
    public const string NotesName = "notes.txt";

    /// <summary>An image in the message, sent without a file name.</summary>
    public const string PhotoKey = "img_v3_photo";

    /// <summary>A file a user sent in the message: the files endpoint refuses it with 234008.</summary>
    public const string SheetKey = "file_v3_sheet";
    public const string SheetName = "预算 Q2.xlsx";

    private EmulatedPlatform(FeishuEmulator emulator, string workingDirectory)
    {
        Emulator = emulator;
        WorkingDirectory = workingDirectory;
    }

    public FeishuEmulator Emulator { get; }

    public string WorkingDirectory { get; }

    public FeishuEmulatorContent Report { get; } = FeishuEmulatorContent.Generated(300_000, seed: 1);

    public FeishuEmulatorContent Notes { get; } = FeishuEmulatorContent.Generated(1_000, seed: 2);

    public FeishuEmulatorContent Photo { get; } = FeishuEmulatorContent.Generated(70, seed: 3);

    public FeishuEmulatorContent Sheet { get; } = FeishuEmulatorContent.Generated(50_000, seed: 4);

    /// <summary>The credentials in the environment, as a user would set them.</summary>
    public CliSetup Setup => new(WorkingDirectory, new Dictionary<string, string>
    {
        ["FEISHU_APP_ID"] = Emulator.AppId,
        ["FEISHU_APP_SECRET"] = Emulator.AppSecret,
    });

    public static async Task<EmulatedPlatform> StartAsync()
    {
        // A unique app per test: the SDK's rate limit is process-wide per app, and test classes run in parallel.
        FeishuEmulator emulator = await FeishuEmulator.StartAsync(new FeishuEmulatorOptions { AppId = "cli_cli_" + Guid.NewGuid().ToString("N")[..16], AppSecret = Secret });
        string directory = Path.Combine(Path.GetTempPath(), "feishu-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var platform = new EmulatedPlatform(emulator, directory);
        emulator.AddFile(ReportKey, platform.Report, "application/pdf", ReportName);
        emulator.AddFile(NotesKey, platform.Notes, "text/plain", NotesName);
        emulator.AddMessageResource(MessageId, PhotoKey, FeishuResourceType.Image, platform.Photo, "image/png");
        emulator.AddMessageResource(MessageId, SheetKey, FeishuResourceType.File, platform.Sheet, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", SheetName);
        return platform;
    }

    /// <summary>The arguments, pointed at this emulator.</summary>
    public string[] Args(params string[] args) => [.. args, "--base-url", Emulator.BaseAddress.ToString()];

    public string PathOf(params string[] parts) => Path.Combine([WorkingDirectory, .. parts]);


    /// <summary>Downloads of <paramref name="resourceKey"/> the emulator received.</summary>
    public int DownloadsOf(string resourceKey) => Emulator.Traffic.Requests.Count(r => r.ResourceKey == resourceKey);

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Directory.Delete(WorkingDirectory, recursive: true);
    }
}
