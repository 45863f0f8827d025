using Xunit;

namespace FeishuResources.Tests.RateLimiting;

/// <summary>One quota per app, API and tenant: partitions differing in any of them never share a limiter.</summary>
public sealed class FeishuRateLimitPartitionTests
{
    public static TheoryData<FeishuRateLimitPartition> OthersThanAppFilesTenant => new()
    {
        new FeishuRateLimitPartition("cli_other", FeishuApi.Files, "tenant"),
        new FeishuRateLimitPartition("cli_app", FeishuApi.MessageResources, "tenant"),
        new FeishuRateLimitPartition("cli_app", FeishuApi.Files, "other tenant"),
        new FeishuRateLimitPartition("cli_app", FeishuApi.Files),
        new FeishuRateLimitPartition("CLI_APP", FeishuApi.Files, "tenant"),
    };

    [Fact]
    public void Partitions_of_the_same_app_API_and_tenant_are_equal()
    {
        var one = new FeishuRateLimitPartition("cli_app", FeishuApi.Files, "tenant");
        var same = new FeishuRateLimitPartition("cli_app", FeishuApi.Files, "tenant");

        Assert.True(one.Equals(same));
        Assert.True(one.Equals((object)same));
        Assert.Equal(one.GetHashCode(), same.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(OthersThanAppFilesTenant))]
    public void Partitions_differing_in_app_API_or_tenant_are_different_quotas(FeishuRateLimitPartition other)
    {
        var partition = new FeishuRateLimitPartition("cli_app", FeishuApi.Files, "tenant");

        Assert.False(partition.Equals(other));
        Assert.False(other.Equals(partition));
        Assert.False(partition.Equals((object)other));
        Assert.NotEqual(partition.GetHashCode(), other.GetHashCode());
    }

    [Fact]
    public void A_partition_equals_nothing_but_a_partition()
    {
        var partition = new FeishuRateLimitPartition("cli_app", FeishuApi.Files);

        Assert.False(partition.Equals("cli_app/Files"));
        Assert.False(partition.Equals(null));
    }

    [Fact]
    public void A_partition_needs_an_app_id()
    {
        ArgumentNullException error = Assert.Throws<ArgumentNullException>(() => new FeishuRateLimitPartition(null!, FeishuApi.Files));
        Assert.Equal("appId", error.ParamName);
    }

    [Fact]
    public void A_partition_names_its_app_API_and_tenant()
    {
        Assert.Equal("cli_app/Files", new FeishuRateLimitPartition("cli_app", FeishuApi.Files).ToString());
        Assert.Equal("cli_app/MessageResources (tenant t1)", new FeishuRateLimitPartition("cli_app", FeishuApi.MessageResources, "t1").ToString());
    }
}
