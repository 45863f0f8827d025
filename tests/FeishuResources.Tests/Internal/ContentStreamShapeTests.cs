using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Internal;

/// <summary>A download's <see cref="FeishuDownload.Content"/> is what a network body is: readable, forward-only, never writable.</summary>
public sealed class ContentStreamShapeTests
{
    [Fact]
    public async Task The_content_stream_reads_forward_only_and_refuses_seeking_and_writing()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, 1_000);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        Stream content = download.Content;

        Assert.True(content.CanRead);
        Assert.False(content.CanSeek);
        Assert.False(content.CanWrite);
        Assert.Throws<NotSupportedException>(() => content.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => content.SetLength(1));
        Assert.Throws<NotSupportedException>(() => content.Write(new byte[1], 0, 1));
        content.Flush();
        using var sink = new MemoryStream();
        await content.CopyToAsync(sink);
        Assert.Equal(1_000, sink.Length);
    }
}
