using FeishuResources.Authentication;
using FeishuResources.RateLimiting;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.RateLimiting;

/// <summary>Which tenant's quota a call spends: the app's own for a self-built app, the named tenant's for a store app.</summary>
public sealed class TenantQuotaTests
{
    private const string FilesUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/files/*";

    private static FeishuRequestOptions Tenant(string tenantKey) => new() { TenantKey = tenantKey };

    private static MockFeishu Feishu(FeishuAppType appType, int perSecond)
    {
        var feishu = new MockFeishu(
            o =>
            {
                o.AppType = appType;
                o.RateLimit.Enabled = true;
                o.RateLimit.PermitsPerSecond = perSecond;
                o.RateLimit.SafetyMargin = TimeSpan.Zero;
            },
            client: b => b.UseTokenProvider(_ => new FixedTokenProvider()));
        feishu.Http.When(FilesUrl).Respond(_ => MockFeishu.File([1]));
        return feishu;
    }

    [Fact]
    public async Task A_self_built_app_spends_its_one_quota_whatever_tenant_key_a_call_passes()
    {
        using MockFeishu feishu = Feishu(FeishuAppType.SelfBuilt, perSecond: 2);

        List<Task<FeishuDownload>> downloads = Enumerable.Range(0, 10).Select(i => feishu.Client.DownloadFileAsync("k" + i, Tenant("tenant-" + i))).ToList();

        await FakeTimeDriver.EventuallyAsync(() => downloads.Count(d => d.IsCompleted) == 2, "two downloads start at once");
        await FakeTimeDriver.SettleAsync();
        Assert.Equal(2, feishu.Downloads.Count);
        Assert.Equal(1, RateLimiterRegistry.PartitionCount(feishu.Time));

        FeishuDownload[] all = await feishu.Time.RunAsync(Task.WhenAll(downloads), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal(10, all.Length);
    }

    [Fact]
    public async Task A_store_app_has_a_quota_per_tenant()
    {
        using MockFeishu feishu = Feishu(FeishuAppType.Store, perSecond: 2);

        FeishuDownload[] immediate = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => feishu.Client.DownloadFileAsync("k" + i, Tenant("tenant-" + (i % 5)))))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(10, immediate.Length);
        Assert.Equal(5, RateLimiterRegistry.PartitionCount(feishu.Time));
    }

    private sealed class FixedTokenProvider : IFeishuTokenProvider
    {
        public ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken) => new("t-fixed");
    }
}
