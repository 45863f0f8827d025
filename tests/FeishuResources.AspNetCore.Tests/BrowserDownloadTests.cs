using System.Text.Json.Nodes;
using FeishuResources.AspNetCore.Tests.TestSupport;

namespace FeishuResources.AspNetCore.Tests;

/// <summary>A real browser downloads from the running sample: the name it saves under is the one a user sees.</summary>
public sealed class BrowserDownloadTests
{
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromSeconds(45);

    [ChromiumFact]
    public async Task Chromium_saves_a_download_under_its_exact_UTF_8_name_with_the_exact_bytes()
    {
        await using EmulatedSample sample = await EmulatedSample.StartAsync();
        Uri app = sample.App.StartOnKestrel();
        DirectoryInfo downloads = Directory.CreateTempSubdirectory("feishu-chromium-downloads-");
        try
        {
            await using Chromium chromium = await Chromium.StartAsync();
            using var timeout = new CancellationTokenSource(DownloadTimeout);
            await chromium.DevTools.SendAsync("Browser.setDownloadBehavior", new JsonObject
            {
                ["behavior"] = "allow",
                ["downloadPath"] = downloads.FullName,
                ["eventsEnabled"] = true,
            }, timeout.Token);

            await chromium.DevTools.SendAsync("Target.createTarget", new JsonObject { ["url"] = new Uri(app, "files/" + EmulatedSample.ReportKey).ToString() }, timeout.Token);
            JsonObject begun = await chromium.DevTools.WaitForAsync(m => (string?)m["method"] == "Browser.downloadWillBegin", timeout.Token);
            JsonObject finished = await chromium.DevTools.WaitForAsync(
                m => (string?)m["method"] == "Browser.downloadProgress" && (string?)m["params"]!["state"] is "completed" or "canceled",
                timeout.Token);

            Assert.Equal("completed", (string?)finished["params"]!["state"]);
            Assert.Equal(EmulatedSample.ReportName, (string?)begun["params"]!["suggestedFilename"]);
            string saved = Assert.Single(Directory.GetFiles(downloads.FullName));
            Assert.Equal(EmulatedSample.ReportName, Path.GetFileName(saved));
            Assert.Equal(EmulatorContentBytes.Of(sample.Report), await File.ReadAllBytesAsync(saved, timeout.Token));
        }
        finally
        {
            downloads.Delete(recursive: true);
        }
    }
}
