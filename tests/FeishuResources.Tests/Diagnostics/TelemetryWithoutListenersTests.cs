using System.Diagnostics;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Diagnostics;

[Collection(nameof(TelemetryWithoutListenersTests))]
public sealed class TelemetryWithoutListenersTests
{
    [Fact]
    public async Task Without_an_activity_listener_no_activity_is_created_around_the_request()
    {
        using var root = new Activity("no-listener-test").Start();
        Assert.False(new ActivitySource(FeishuResourcesDiagnostics.ActivitySourceName).HasListeners());

        Activity? seenByNetwork = await DownloadAsync(new MockFeishu());

        Assert.Same(root, seenByNetwork);
    }

    [Fact]
    public async Task With_only_a_meter_listener_downloads_are_counted_but_no_activity_is_created()
    {
        using var telemetry = new TelemetryCapture(activities: false);

        Activity? seenByNetwork = await DownloadAsync(new MockFeishu(o => o.AppId = telemetry.AppId));

        Assert.Same(telemetry.Root, seenByNetwork);
        Assert.Equal(1, telemetry.Sum("feishu.downloads", ("feishu.outcome", "success")));
    }

    [Fact]
    public async Task With_an_activity_listener_the_request_runs_inside_the_download_activity()
    {
        using var telemetry = new TelemetryCapture();

        Activity? seenByNetwork = await DownloadAsync(new MockFeishu(o => o.AppId = telemetry.AppId));

        Assert.Equal("feishu.download", seenByNetwork?.OperationName);
    }

    /// <summary>Downloads one file and returns the activity that was current when the request reached the network.</summary>
    private static async Task<Activity?> DownloadAsync(MockFeishu feishu)
    {
        using (feishu)
        {
            Activity? seen = null;
            feishu.Http.When(MockFeishu.BaseUrl + "/open-apis/im/v1/files/*").Respond(_ =>
            {
                seen = Activity.Current;
                return MockFeishu.File(new byte[10]);
            });

            await using FeishuDownload download = await feishu.Client.DownloadFileAsync("file_quiet");
            await download.CopyToAsync(Stream.Null);
            return seen;
        }
    }
}
