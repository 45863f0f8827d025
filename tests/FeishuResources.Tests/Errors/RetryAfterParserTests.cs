using FeishuResources.Errors;
using Xunit;

namespace FeishuResources.Tests.Errors;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2", null, 2000)]
    [InlineData("0.5", null, 500)]
    [InlineData(" 1.25 ", null, 1250)]
    [InlineData("3", "60", 3000)]
    [InlineData(null, "60", 60000)]
    [InlineData("not-a-number", "4", 4000)]
    [InlineData("0", "4", 4000)]
    [InlineData(null, "Sun, 22 Nov 2026 00:01:00 GMT", 60000)]
    [InlineData("999999", null, 3600000)]
    [InlineData("3599.5", null, 3599500)]
    [InlineData("0.001", null, 1)]
    [InlineData("1e-3", "4", 1)]
    [InlineData(null, " 2.5 ", 2500)]
    [InlineData("Infinity", "4", 4000)]
    [InlineData(null, "  Sun, 22 Nov 2026 00:01:00 GMT  ", 60000)]
    [InlineData(null, "Sun, 22 Nov 2026 03:00:00 GMT", 3600000)]
    public void Parses_the_rate_limit_reset_then_retry_after(string? reset, string? retryAfter, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), RetryAfterParser.Parse(reset, retryAfter, Now));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("NaN", "Infinity")]
    [InlineData("soon", "tomorrow")]
    [InlineData(null, "22 Nov 2026")]
    [InlineData("0", null)]
    [InlineData("-5", null)]
    [InlineData(null, "0")]
    [InlineData(null, "Sat, 21 Nov 2026 23:59:00 GMT")]
    [InlineData(null, "Sun, 22 Nov 2026 00:00:00 GMT")]
    [InlineData("0.0009", null)]
    [InlineData("1e-9", null)]
    [InlineData("-Infinity", "NaN")]
    [InlineData("Infinity", null)]
    [InlineData(null, "Infinity")]
    public void Returns_null_when_nothing_says_how_long_to_wait(string? reset, string? retryAfter)
    {
        Assert.Null(RetryAfterParser.Parse(reset, retryAfter, Now));
    }
}
