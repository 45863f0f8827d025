using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace FeishuResources.Tests.Transfers;

public sealed class TransferOptionsValidationTests
{
    public static TheoryData<Action<FeishuResourcesOptions>, string> InvalidOptions => new()
    {
        { o => o.MaxDownloadBytes = 0, "MaxDownloadBytes" },
        { o => o.RangeChunkSize = 1024, "RangeChunkSize" },
        { o => o.RangeChunkSize = 128 * 1024 * 1024, "RangeChunkSize" },
        { o => o.MaxResumeAttempts = -1, "MaxResumeAttempts" },
        { o => o.MaxResumeAttempts = 101, "MaxResumeAttempts" },
        { o => o.ParallelChunks = 0, "ParallelChunks" },
        { o => o.ParallelChunks = 17, "ParallelChunks" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Out_of_range_transfer_options_fail_validation_naming_the_option(Action<FeishuResourcesOptions> configure, string option)
    {
        using var feishu = new MockFeishu(configure);

        var ex = Assert.Throws<OptionsValidationException>(() => feishu.Services.GetRequiredService<IOptions<FeishuResourcesOptions>>().Value);

        Assert.Contains("FeishuResourcesOptions." + option, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_2_GiB_8_MiB_chunks_ranged_fallback_on_3_resumes_sequential_no_overwrite()
    {
        var options = new FeishuResourcesOptions();

        Assert.Equal(2L * 1024 * 1024 * 1024, options.MaxDownloadBytes);
        Assert.Equal(8 * 1024 * 1024, options.RangeChunkSize);
        Assert.True(options.EnableRangedLargeDownloads);
        Assert.Equal(3, options.MaxResumeAttempts);
        Assert.Equal(1, options.ParallelChunks);
        Assert.False(options.OverwriteExisting);
    }
}
