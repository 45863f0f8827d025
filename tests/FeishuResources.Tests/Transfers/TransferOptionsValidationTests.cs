using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace FeishuResources.Tests.Transfers;

public sealed class TransferOptionsValidationTests
{
    public static TheoryData<Action<FeishuResourcesOptions>, string, string> InvalidOptions => new()
    {
        { o => o.MaxDownloadBytes = 0, "MaxDownloadBytes", "between 1 and 1099511627776" },
        { o => o.MaxDownloadBytes = long.MaxValue, "MaxDownloadBytes", "between 1 and 1099511627776" },
        { o => o.RangeChunkSize = 1024, "RangeChunkSize", "between 65536 and 67108864" },
        { o => o.RangeChunkSize = 128 * 1024 * 1024, "RangeChunkSize", "between 65536 and 67108864" },
        { o => o.MaxResumeAttempts = -1, "MaxResumeAttempts", "between 0 and 100" },
        { o => o.MaxResumeAttempts = 101, "MaxResumeAttempts", "between 0 and 100" },
        { o => o.ParallelChunks = 0, "ParallelChunks", "between 1 and 16" },
        { o => o.ParallelChunks = 17, "ParallelChunks", "between 1 and 16" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Out_of_range_transfer_options_fail_validation_naming_the_option_and_its_bounds(Action<FeishuResourcesOptions> configure, string option, string bounds)
    {
        using var feishu = new MockFeishu(configure);

        var ex = Assert.Throws<OptionsValidationException>(() => feishu.Services.GetRequiredService<IOptions<FeishuResourcesOptions>>().Value);

        string failure = Assert.Single(ex.Failures, f => f.Contains("FeishuResourcesOptions." + option + " ", StringComparison.Ordinal));
        Assert.Contains(bounds, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_2_GiB_8_MiB_chunks_ranged_fallback_on_3_resumes_8_parallel_ranges_no_overwrite()
    {
        var options = new FeishuResourcesOptions();

        Assert.Equal(2L * 1024 * 1024 * 1024, options.MaxDownloadBytes);
        Assert.Equal(8 * 1024 * 1024, options.RangeChunkSize);
        Assert.True(options.EnableRangedLargeDownloads);
        Assert.Equal(3, options.MaxResumeAttempts);
        Assert.Equal(8, options.ParallelChunks);
        Assert.False(options.OverwriteExisting);
    }
}
