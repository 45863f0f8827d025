using FeishuResources.Redis.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FeishuResources.Redis.Tests;

/// <summary>The registration: clear errors before any connection, and only the asking clients' apps in Redis.</summary>
public sealed class UseRedisQuotaTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public void Bad_arguments_are_refused_at_registration_naming_the_argument()
    {
        IHttpClientBuilder builder = new ServiceCollection().AddFeishuResources(options => options.AppId = "cli_x");

        Assert.Equal("connectionString", Assert.Throws<ArgumentNullException>(() => builder.UseRedisQuota((string)null!)).ParamName);
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => builder.UseRedisQuota(" ")).ParamName);
        Assert.Equal("connection", Assert.Throws<ArgumentNullException>(() => builder.UseRedisQuota((IConnectionMultiplexer)null!)).ParamName);
        Assert.Equal("ExpectedReplicas", Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseRedisQuota("localhost", o => o.ExpectedReplicas = 0)).ParamName);
        Assert.Equal("InFlightTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseRedisQuota("localhost", o => o.InFlightTimeout = TimeSpan.Zero)).ParamName);
        Assert.Equal("KeyPrefix", Assert.Throws<ArgumentException>(() => builder.UseRedisQuota("localhost", o => o.KeyPrefix = "")).ParamName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Only_the_apps_of_clients_that_asked_keep_their_quota_in_Redis(bool namedClientAsks)
    {
        string prefix = "t-" + Guid.NewGuid().ToString("N");
        var services = new ServiceCollection().AddLogging();
        IHttpClientBuilder shared = namedClientAsks
            ? services.AddFeishuResources("shared", options => (options.AppId, options.AppSecret) = ("cli_shared_app", "secret"))
            : services.AddFeishuResources(options => (options.AppId, options.AppSecret) = ("cli_shared_app", "secret"));
        shared.UseRedisQuota(redis.Server.Socket, options => options.KeyPrefix = prefix);
        services.AddFeishuResources("other", options => (options.AppId, options.AppSecret) = ("cli_local_app", "secret"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        IFeishuQuota quota = provider.GetRequiredService<IFeishuQuota>();

        (await quota.AcquireAsync(new FeishuRateLimitPartition("cli_local_app", FeishuApi.Files), new FeishuRateLimitOptions(), default)).Dispose();
        (await quota.AcquireAsync(new FeishuRateLimitPartition("cli_shared_app", FeishuApi.Files), new FeishuRateLimitOptions(), default)).Dispose();

        await using ConnectionMultiplexer connection = await redis.Server.ConnectAsync();
        string[] keys = connection.GetServers()[0].Keys(pattern: prefix + "*").Select(key => key.ToString()).ToArray();
        Assert.Single(keys);
        Assert.Contains("cli_shared_app", keys[0], StringComparison.Ordinal);
    }
}
