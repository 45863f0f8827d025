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

        string failure = Assert.Single(ex.Failures, f => f.StartsWith("FeishuResourcesOptions." + option + " ", StringComparison.Ordinal));
        Assert.Contains(bounds, failure, StringComparison.Ordinal);
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
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }
}
