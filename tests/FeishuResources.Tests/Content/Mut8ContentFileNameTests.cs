using System.Text;
using FeishuResources.Content;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Content;

/// <summary>The name a download is saved under: sanitized, within 255 UTF-8 bytes, numbered when taken.</summary>
public sealed class Mut8ContentFileNameTests
{
    // U+E0041 (TAG LATIN CAPITAL LETTER A) lies beyond the BMP: an invisible format character that can hide text.
    [Fact]
    public void An_invisible_tag_character_is_replaced_not_dropped()
    {
        Assert.Equal("a_b.txt", FileNameSanitizer.Sanitize("a\U000E0041b.txt"));
    }

    [Fact]
    public void Combining_a_name_that_leaves_the_directory_says_which_name_and_why()
    {
        string root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "feishu-root"));

        var error = Assert.Throws<InvalidOperationException>(() => FileNameSanitizer.CombineInside(root, "../x"));

        Assert.Equal("The file name '../x' does not stay inside the target directory.", error.Message);
    }

    // 250 + 1 + 4 = 255 bytes exactly: nothing needs cutting, so the dot or space before the extension stays.
    [Theory]
    [InlineData(" ")]
    [InlineData(".")]
    public async Task A_name_of_exactly_255_bytes_is_saved_as_sent(string beforeExtension)
    {
        string name = new string('a', 250) + beforeExtension + ".txt";
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, 1_000) { Disposition = "attachment; filename=\"" + name + "\"" };
        using var folder = new TempFolder();

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToDirectoryAsync(folder.Path);

        Assert.Equal(255, Encoding.UTF8.GetByteCount(name));
        Assert.Equal(name, download.SafeFileName);
        Assert.Equal(name, Path.GetFileName(path));
    }

    // A name whose only dot is its first char (".env") has no extension: the number goes at its end.
    [Fact]
    public async Task A_taken_dotfile_name_is_numbered_at_its_end()
    {
        using var feishu = new MockFeishu();
        _ = new FakeResourceServer(feishu, 1_000) { Disposition = "attachment; filename=\".env\"" };
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, ".env"), "mine");

        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(FakeResourceServer.FileKey);
        string path = await download.SaveToDirectoryAsync(folder.Path);

        Assert.Equal(".env (1)", Path.GetFileName(path));
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(folder.Path, ".env")));
    }
}
