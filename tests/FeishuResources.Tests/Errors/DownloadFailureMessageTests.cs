using Xunit;

namespace FeishuResources.Tests.Errors;

/// <summary>What a failed download says about how far it got.</summary>
public sealed class DownloadFailureMessageTests
{
    [Fact]
    public void A_download_that_ended_early_without_a_known_length_says_the_length_was_unknown()
    {
        FeishuDownloadException ex = FeishuDownloadException.Truncated("file_x", 10, null, "LOG1", null);

        Assert.Equal("The download of 'file_x' ended after 10 of an unknown number of bytes.", ex.Summary);
        Assert.Null(ex.BytesExpected);
    }

    [Fact]
    public void A_download_whose_rest_could_not_be_requested_names_how_far_it_got_and_why()
    {
        var inner = new HttpRequestException("connection refused");

        FeishuDownloadException known = FeishuDownloadException.PartFailed("file_x", 10, 20, "LOG1", inner);
        FeishuDownloadException unknown = FeishuDownloadException.PartFailed("file_x", 10, null, "LOG1", inner);

        Assert.Equal("The download of 'file_x' stopped after 10 of 20 bytes: the request for the rest failed (HttpRequestException).", known.Summary);
        Assert.Equal("The download of 'file_x' stopped after 10 of an unknown number of bytes: the request for the rest failed (HttpRequestException).", unknown.Summary);
        Assert.Same(inner, known.InnerException);
    }

    [Fact]
    public void A_download_failure_without_a_log_id_says_there_was_none()
    {
        FeishuDownloadException ex = FeishuDownloadException.Truncated("file_x", 10, 20, null, null);

        Assert.Equal(ex.Summary + " Log id: none.", ex.Message);
        Assert.Null(ex.LogId);
    }
}
