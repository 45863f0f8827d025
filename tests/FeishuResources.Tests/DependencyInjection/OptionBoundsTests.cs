using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace FeishuResources.Tests.DependencyInjection;

/// <summary>Every option has bounds; a value outside them fails at start, naming the option and its bounds.</summary>
public sealed class OptionBoundsTests
{
    public static TheoryData<Action<FeishuResourcesOptions>, string, string> OutOfRange => new()
    {
        { o => o.TokenRefreshMargin = TimeSpan.FromTicks(-1), "TokenRefreshMargin", "between 0 and 1 hour" },
        { o => o.TokenRefreshMargin = TimeSpan.MaxValue, "TokenRefreshMargin", "between 0 and 1 hour" },
        { o => o.RateLimit.PermitsPerSecond = 0, "RateLimit.PermitsPerSecond", "between 1 and 1000000" },
        { o => o.RateLimit.PermitsPerSecond = int.MaxValue, "RateLimit.PermitsPerSecond", "between 1 and 1000000" },
        { o => o.RateLimit.PermitsPerMinute = 0, "RateLimit.PermitsPerMinute", "between 1 and 60000000" },
        { o => o.RateLimit.PermitsPerMinute = int.MaxValue, "RateLimit.PermitsPerMinute", "between 1 and 60000000" },
        { o => o.RateLimit.SafetyMargin = TimeSpan.FromTicks(-1), "RateLimit.SafetyMargin", "at least 0 and under 1 second" },
        { o => o.RateLimit.SafetyMargin = TimeSpan.FromSeconds(1), "RateLimit.SafetyMargin", "at least 0 and under 1 second" },
        { o => o.Retry.MaxRetryAttempts = -1, "Retry.MaxRetryAttempts", "between 0 and 100" },
        { o => o.Retry.MaxRetryAttempts = 101, "Retry.MaxRetryAttempts", "between 0 and 100" },
        { o => o.Retry.MaxRateLimitRetryAttempts = -1, "Retry.MaxRateLimitRetryAttempts", "between 0 and 100" },
        { o => o.Retry.MaxRateLimitRetryAttempts = 101, "Retry.MaxRateLimitRetryAttempts", "between 0 and 100" },
        { o => o.Retry.BaseDelay = TimeSpan.Zero, "Retry.BaseDelay", "between 1 ms and 1 day" },
        { o => { o.Retry.BaseDelay = TimeSpan.FromDays(2); o.Retry.MaxDelay = TimeSpan.FromDays(2); }, "Retry.BaseDelay", "between 1 ms and 1 day" },
        { o => o.Retry.MaxDelay = TimeSpan.FromMilliseconds(100), "Retry.MaxDelay", "between Retry.BaseDelay and 1 day" },
        { o => o.Retry.MaxDelay = TimeSpan.MaxValue, "Retry.MaxDelay", "between Retry.BaseDelay and 1 day" },
        { o => o.Retry.DefaultRateLimitDelay = TimeSpan.Zero, "Retry.DefaultRateLimitDelay", "between 1 ms and 1 day" },
        { o => o.Retry.DefaultRateLimitDelay = TimeSpan.FromDays(2), "Retry.DefaultRateLimitDelay", "between 1 ms and 1 day" },
        { o => o.Retry.MaxQuotaPause = TimeSpan.FromMilliseconds(-1), "Retry.MaxQuotaPause", "between 0 and 1 hour" },
        { o => o.Retry.MaxQuotaPause = TimeSpan.FromHours(2), "Retry.MaxQuotaPause", "between 0 and 1 hour" },
        { o => o.Timeouts.AttemptTimeout = TimeSpan.FromMilliseconds(9), "Timeouts.AttemptTimeout", "between 10 ms and 1 day" },
        { o => o.Timeouts.AttemptTimeout = TimeSpan.FromDays(2), "Timeouts.AttemptTimeout", "between 10 ms and 1 day" },
        { o => o.Timeouts.TotalTimeout = TimeSpan.Zero, "Timeouts.TotalTimeout", "between 10 ms and 1 day" },
        { o => o.Timeouts.TotalTimeout = TimeSpan.MaxValue, "Timeouts.TotalTimeout", "between 10 ms and 1 day" },
        { o => o.Timeouts.BodyIdleTimeout = TimeSpan.FromTicks(-2), "Timeouts.BodyIdleTimeout", "between 10 ms and 1 day" },
        { o => o.Timeouts.BodyIdleTimeout = TimeSpan.FromDays(2), "Timeouts.BodyIdleTimeout", "between 10 ms and 1 day" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void An_out_of_range_option_fails_at_start_naming_it_and_its_bounds(Action<FeishuResourcesOptions> configure, string option, string bounds)
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_x";
            o.AppSecret = "secret";
            configure(o);
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        string failure = Assert.Single(ex.Failures, f => f.Contains("FeishuResourcesOptions." + option + " ", StringComparison.Ordinal));
        Assert.Contains(bounds, failure, StringComparison.Ordinal);
    }

    public static TheoryData<TimeSpan, TimeSpan> AttemptLongerThanTotal => new()
    {
        { TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1) },
        { Timeout.InfiniteTimeSpan, TimeSpan.FromMinutes(1) },
    };

    [Theory]
    [MemberData(nameof(AttemptLongerThanTotal))]
    public void An_attempt_timeout_longer_than_the_total_timeout_fails_at_start_naming_both(TimeSpan attempt, TimeSpan total)
    {
        using ServiceProvider provider = Build(attempt, total);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        string failure = Assert.Single(ex.Failures, f => f.Contains("FeishuResourcesOptions.Timeouts.AttemptTimeout ", StringComparison.Ordinal));
        Assert.Contains("at most Timeouts.TotalTimeout", failure, StringComparison.Ordinal);
    }

    public static TheoryData<TimeSpan, TimeSpan> AttemptWithinTotal => new()
    {
        { TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1) },
        { TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan },
        { Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan },
    };

    [Theory]
    [MemberData(nameof(AttemptWithinTotal))]
    public void An_attempt_timeout_within_the_total_timeout_passes(TimeSpan attempt, TimeSpan total)
    {
        using ServiceProvider provider = Build(attempt, total);

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void The_bounds_themselves_pass()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_x";
            o.AppSecret = "secret";
            o.TokenRefreshMargin = TimeSpan.FromHours(1);
            o.RateLimit.PermitsPerSecond = 1_000_000;
            o.RateLimit.PermitsPerMinute = 60_000_000;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromDays(1);
            o.Retry.DefaultRateLimitDelay = TimeSpan.FromDays(1);
            o.Retry.MaxQuotaPause = TimeSpan.FromHours(1);
            o.Retry.MaxRetryAttempts = 100;
            o.Retry.MaxRateLimitRetryAttempts = 100;
            o.Timeouts.AttemptTimeout = TimeSpan.FromMilliseconds(10);
            o.Timeouts.TotalTimeout = Timeout.InfiniteTimeSpan;
            o.Timeouts.BodyIdleTimeout = TimeSpan.FromDays(1);
            o.MaxDownloadBytes = 1L << 40;
            o.RateLimit.SafetyMargin = TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1);
            o.RangeChunkSize = 64 * 1024 * 1024;
            o.MaxResumeAttempts = 100;
            o.ParallelChunks = 16;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void The_lower_bounds_themselves_pass()
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_x";
            o.AppSecret = "secret";
            o.TokenRefreshMargin = TimeSpan.Zero;
            o.RateLimit.PermitsPerSecond = 1;
            o.RateLimit.PermitsPerMinute = 1;
            o.RateLimit.SafetyMargin = TimeSpan.Zero;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.DefaultRateLimitDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxQuotaPause = TimeSpan.Zero;
            o.Retry.MaxRetryAttempts = 0;
            o.Retry.MaxRateLimitRetryAttempts = 0;
            o.Timeouts.AttemptTimeout = TimeSpan.FromMilliseconds(10);
            o.Timeouts.TotalTimeout = TimeSpan.FromMilliseconds(10);
            o.Timeouts.BodyIdleTimeout = TimeSpan.FromMilliseconds(10);
            o.MaxDownloadBytes = 1;
            o.RangeChunkSize = 64 * 1024;
            o.MaxResumeAttempts = 0;
            o.ParallelChunks = 1;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    private static ServiceProvider Build(TimeSpan attemptTimeout, TimeSpan totalTimeout)
    {
        var services = new ServiceCollection();
        services.AddFeishuResources(o =>
        {
            o.AppId = "cli_x";
            o.AppSecret = "secret";
            o.Timeouts.AttemptTimeout = attemptTimeout;
            o.Timeouts.TotalTimeout = totalTimeout;
        });
        return services.BuildServiceProvider();
    }
}
