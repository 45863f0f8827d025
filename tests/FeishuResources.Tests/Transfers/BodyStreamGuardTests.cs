using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// What <see cref="FeishuDownload.Content"/> refuses, and with which words: bad copy arguments (before a byte
/// is taken), a read after a save took the body, a read after the download was disposed; and which reads take
/// the body (one asking for bytes, even of an empty body) and which do not (one asking for none).
/// </summary>
public sealed class BodyStreamGuardTests
{
    private const long Size = 100_000;

    [Fact]
    public async Task Copying_content_with_a_buffer_size_of_zero_is_refused_naming_the_argument_and_takes_nothing()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = download.Content.CopyToAsync(new MemoryStream(), 0); });

        Assert.Equal("bufferSize", ex.ParamName);
        Assert.Contains("buffer size must be positive", ex.Message, StringComparison.Ordinal);
        var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy, 1);
        Assert.Equal(Size, copy.Length);
    }

    [Fact]
    public async Task Copying_content_to_a_read_only_stream_is_refused_and_the_body_can_still_be_saved()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        var ex = Assert.Throws<NotSupportedException>(() => { _ = download.Content.CopyToAsync(new MemoryStream(new byte[16], writable: false)); });

        Assert.Contains("does not support writing", ex.Message, StringComparison.Ordinal);
        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin"));
        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
    }

    [Fact]
    public async Task Reading_or_copying_content_after_a_save_is_refused_saying_the_body_is_read_once()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin"));

        var read = await Assert.ThrowsAsync<InvalidOperationException>(() => download.Content.ReadAsync(new byte[10], 0, 10));
        var copy = await Assert.ThrowsAsync<InvalidOperationException>(() => download.Content.CopyToAsync(new MemoryStream()));
        foreach (var ex in new[] { read, copy })
        {
            Assert.Contains("being copied or saved", ex.Message, StringComparison.Ordinal);
            Assert.Contains("it can be read once", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reading_an_empty_body_takes_it_so_a_later_save_is_refused()
    {
        // One stream: an empty resource is asked for whole, not probed with a range.
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        _ = new FakeResourceServer(feishu, 0);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        Assert.Equal(0, await download.Content.ReadAsync(new byte[10], 0, 10));

        await Assert.ThrowsAsync<InvalidOperationException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin")));
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task Copying_an_empty_body_takes_it_so_a_later_save_is_refused()
    {
        // One stream: an empty resource is asked for whole, not probed with a range.
        using var feishu = new MockFeishu(o => o.ParallelChunks = 1);
        _ = new FakeResourceServer(feishu, 0);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.Content.CopyToAsync(new MemoryStream());

        await Assert.ThrowsAsync<InvalidOperationException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin")));
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task A_read_asking_for_no_bytes_does_not_take_the_body()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        Assert.Equal(0, await download.Content.ReadAsync(Array.Empty<byte>(), 0, 0));

        string path = await download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin"));
        Assert.Equal(PatternStream.Sha256(Size), HashingSink.HashOfFile(path));
    }

    [Fact]
    public async Task Reading_content_after_the_download_was_disposed_says_it_was_disposed_while_being_read()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);

        FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        Stream content = download.Content;
        await content.ReadExactlyAsync(new byte[10]);
        await download.DisposeAsync();

        var ex = await Assert.ThrowsAsync<ObjectDisposedException>(() => content.ReadAsync(new byte[10], 0, 10));
        Assert.Contains("disposed while its body was being read", ex.Message, StringComparison.Ordinal);
    }
}
