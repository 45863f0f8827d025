using FeishuResources.Content;
using Xunit;

namespace FeishuResources.Tests.Content;

public sealed class MediaTypeExtensionsTests
{
    [Theory]
    [InlineData("application/pdf", ".pdf")]
    [InlineData("IMAGE/PNG", ".png")]
    [InlineData("image/jpeg", ".jpg")]
    [InlineData("image/gif", ".gif")]
    [InlineData("image/webp", ".webp")]
    [InlineData("video/mp4", ".mp4")]
    [InlineData("audio/mpeg", ".mp3")]
    [InlineData("audio/ogg", ".ogg")]
    [InlineData("audio/opus", ".opus")]
    [InlineData("application/zip", ".zip")]
    [InlineData("text/plain; charset=utf-8", ".txt")]
    [InlineData("application/json", ".json")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")]
    [InlineData("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx")]
    [InlineData("application/x-something", ".bin")]
    [InlineData(null, ".bin")]
    [InlineData("", ".bin")]
    public void Known_media_types_map_to_their_extension_and_others_to_bin(string? mediaType, string expected)
        => Assert.Equal(expected, MediaTypeExtensions.For(mediaType));
}
