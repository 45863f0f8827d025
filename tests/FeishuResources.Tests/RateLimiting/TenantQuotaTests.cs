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

    private static FeishuQuota Quota(MockFeishu feishu) => (FeishuQuota)feishu.Services.GetRequiredService<IFeishuQuota>();

    private static MockFeishu Feishu(FeishuAppType appType, int perSecond = 50, int perMinute = 1000)
    {
        var feishu = new MockFeishu(
            o =>
            {
                o.AppType = appType;
                o.RateLimit.Enabled = true;
                o.RateLimit.PermitsPerSecond = perSecond;
                o.RateLimit.PermitsPerMinute = perMinute;
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
        Assert.Equal(1, Quota(feishu).PartitionCount);

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
        Assert.Equal(5, Quota(feishu).PartitionCount);
    }

    [Fact]
    public async Task Limiters_of_tenants_gone_idle_are_freed_on_a_later_request()
    {
        using MockFeishu feishu = Feishu(FeishuAppType.Store);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => DownloadAsync(feishu, "k" + i, "tenant-" + i))).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(200, Quota(feishu).PartitionCount);

        // Their minute windows empty after 60 s; idle for 10 s more, they are freed by the next request.
        feishu.Time.Advance(TimeSpan.FromSeconds(71));
        await DownloadAsync(feishu, "late", "tenant-late");

        Assert.Equal(1, Quota(feishu).PartitionCount);
    }

    [Fact]
    public async Task A_tenant_quota_stays_strict_while_idle_limiters_around_it_are_freed_and_starts_afresh_once_freed()
    {
        using MockFeishu feishu = Feishu(FeishuAppType.Store, perMinute: 3);
        await DownloadAsync(feishu, "b", "tenant-b");
        feishu.Time.Advance(TimeSpan.FromSeconds(30));
        await Task.WhenAll(DownloadAsync(feishu, "a1", "tenant-a"), DownloadAsync(feishu, "a2", "tenant-a"), DownloadAsync(feishu, "a3", "tenant-a")).WaitAsync(TimeSpan.FromSeconds(10));

        Task fourth = DownloadAsync(feishu, "a4", "tenant-a");
        foreach (string other in new[] { "c", "d", "e", "f", "g" })
        {
            feishu.Time.Advance(TimeSpan.FromSeconds(11.9));
            await DownloadAsync(feishu, other, "tenant-" + other);
        }

        // 59.5 s after tenant a's first three: tenant b's limiter went idle and was freed, tenant a's is kept.
        Assert.Equal(6, Quota(feishu).PartitionCount);
        await FakeTimeDriver.SettleAsync();
        Assert.False(fourth.IsCompleted, "the fourth request of tenant a's minute waits");
        Assert.DoesNotContain(feishu.Downloads, r => r.Uri.AbsolutePath.EndsWith("/a4", StringComparison.Ordinal));

        feishu.Time.Advance(TimeSpan.FromSeconds(0.5));
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));

        // Once tenant a has been idle past its windows, its limiter is freed and a new one grants its full quota at once.
        feishu.Time.Advance(TimeSpan.FromSeconds(71));
        await DownloadAsync(feishu, "h", "tenant-h");
        Assert.Equal(1, Quota(feishu).PartitionCount);
        await Task.WhenAll(DownloadAsync(feishu, "a5", "tenant-a"), DownloadAsync(feishu, "a6", "tenant-a"), DownloadAsync(feishu, "a7", "tenant-a")).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task DownloadAsync(MockFeishu feishu, string key, string tenantKey)
    {
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(key, Tenant(tenantKey));
    }

    private sealed class FixedTokenProvider : IFeishuTokenProvider
    {
        public ValueTask<string> GetTokenAsync(FeishuTokenRequest request, CancellationToken cancellationToken) => new("t-fixed");
    }
}
