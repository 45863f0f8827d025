using Xunit;

namespace FeishuResources.Tests.Errors;

public sealed class FeishuDownloadExceptionTests
{
    [Fact]
    public void Summary_is_the_message_without_the_log_id()
    {
        FeishuDownloadException ex = FeishuDownloadException.Truncated("file_x", 10, 20, "LOG789", null);

        Assert.Equal("The download of 'file_x' ended after 10 of 20 bytes.", ex.Summary);
        Assert.Equal(ex.Summary + " Log id: LOG789.", ex.Message);
    }

    [Fact]
    public void An_exception_created_through_the_constructor_has_its_message_as_summary()
    {
        var ex = new FeishuDownloadException("custom failure", "file_x", 1, 2, "LOG1");

        Assert.Equal("custom failure", ex.Summary);
        Assert.Equal(ex.Message, ex.Summary);
    }
}
