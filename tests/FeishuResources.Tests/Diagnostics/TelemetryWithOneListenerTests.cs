using System.Diagnostics;
using FeishuResources.Diagnostics;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Diagnostics;

/// <summary>
/// A download is tracked as soon as any one of its listeners is there: the activity alone, the download counter
/// alone or the byte counter alone. Runs alone, as a listener elsewhere in the process would track it anyway.
/// </summary>
[Collection(nameof(TelemetryWithoutListenersTests))]
public sealed class TelemetryWithOneListenerTests
{
    [Fact]
    public async Task With_only_an_activity_listener_the_download_activity_ends_with_its_outcome()
    {
        using var telemetry = new TelemetryCapture(metrics: false);

        await DownloadAsync(telemetry.AppId);

        Activity activity = Assert.Single(telemetry.StoppedNamed(TelemetryNames.DownloadActivity));
        Assert.Equal("success", activity.GetTagItem(TelemetryNames.Outcome));
    }

    [Fact]
    public async Task With_only_the_download_counter_listened_to_downloads_are_counted()
    {
        string appId = "cli_one_" + Guid.NewGuid().ToString("N");
        using var downloads = new MetricCollector<long>(FeishuTelemetry.Downloads);

        await DownloadAsync(appId);

        Assert.Single(downloads.GetMeasurementSnapshot(), m => Equals(m.Tags[TelemetryNames.AppId], appId) && m.Value == 1);
    }

    [Fact]
    public async Task With_only_the_byte_counter_listened_to_bytes_are_counted()
    {
        string appId = "cli_one_" + Guid.NewGuid().ToString("N");
        using var bytes = new MetricCollector<long>(FeishuTelemetry.DownloadedBytes);

        await DownloadAsync(appId);

        Assert.Equal(10, bytes.GetMeasurementSnapshot().Where(m => Equals(m.Tags[TelemetryNames.AppId], appId)).Sum(m => m.Value));
    }

    private static async Task DownloadAsync(string appId)
    {
        using var feishu = new MockFeishu(o => o.AppId = appId);
        feishu.Http.When(MockFeishu.BaseUrl + "/open-apis/im/v1/files/*").Respond(_ => MockFeishu.File(new byte[10]));

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_one");
        await download.CopyToAsync(Stream.Null);
    }
}
