using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>
/// The body is read once: whatever took it first, a second taker is refused before it writes anything, so
/// a file under its final name is always the complete download.
/// </summary>
public sealed class ReadOnceTests
{
    private const long Size = 100_000;

    public enum Taker
    {
        ReadContent,
        ReadAllContent,
        CopyContent,
        CopyToAsync,
        SaveToFileAsync,
        SaveToDirectoryAsync,
    }

    public static TheoryData<Taker, Taker> Sequences()
    {
        var data = new TheoryData<Taker, Taker>();
        foreach (Taker first in Enum.GetValues<Taker>())
        {
            foreach (Taker second in new[] { Taker.CopyToAsync, Taker.SaveToFileAsync, Taker.SaveToDirectoryAsync })
            {
                data.Add(first, second);
            }
        }

        return data;
    }

    [Fact]
    public async Task Save_after_content_was_partly_read_throws_and_writes_nothing()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await download.Content.ReadExactlyAsync(new byte[10]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => download.SaveToDirectoryAsync(folder.Path));
        Assert.Empty(folder.Names());
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public async Task A_second_taker_of_the_body_is_refused_and_writes_nothing(Taker first, Taker second)
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, Size);
        using var firstFolder = new TempFolder();
        using var secondFolder = new TempFolder();
        var secondDestination = new MemoryStream();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await TakeAsync(download, first, firstFolder.Path, new MemoryStream());

        await Assert.ThrowsAsync<InvalidOperationException>(() => TakeAsync(download, second, secondFolder.Path, secondDestination));
        Assert.Empty(secondFolder.Names());
        Assert.Equal(0, secondDestination.Length);
    }

    [Fact]
    public async Task A_save_that_failed_cannot_be_repeated_with_the_rest_of_the_body()
    {
        using var feishu = new MockFeishu(o => o.MaxResumeAttempts = 0);
        _ = new FakeResourceServer(feishu, Size) { DropAfter = i => i == 0 ? 40_000 : null };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        await Assert.ThrowsAsync<FeishuDownloadException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => download.SaveToFileAsync(Path.Combine(folder.Path, "out.bin")));
        Assert.Empty(folder.Names());
    }

    private static async Task TakeAsync(FeishuDownload download, Taker taker, string folder, Stream destination)
    {
        switch (taker)
        {
            case Taker.ReadContent:
                await download.Content.ReadExactlyAsync(new byte[10]);
                break;
            case Taker.ReadAllContent:
                byte[] buffer = new byte[8192];
                while (await download.Content.ReadAsync(buffer) > 0)
                {
                }

                break;
            case Taker.CopyContent:
                await download.Content.CopyToAsync(destination);
                break;
            case Taker.CopyToAsync:
                await download.CopyToAsync(destination);
                break;
            case Taker.SaveToFileAsync:
                await download.SaveToFileAsync(Path.Combine(folder, "out.bin"));
                break;
            case Taker.SaveToDirectoryAsync:
                await download.SaveToDirectoryAsync(folder);
                break;
        }
    }
}
