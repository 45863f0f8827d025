using System.Globalization;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Reliability;

/// <summary>
/// Invisible format characters outside the Basic Multilingual Plane — Unicode tag characters (U+E0001, U+E0020 –
/// U+E007F, used to smuggle hidden text), musical and hieroglyph format controls — arrive as surrogate pairs; they are
/// format characters like U+202E, and a safe name (saved, or sent on to a browser) holds none of them.
/// </summary>
public sealed class InvisibleNameCharacterTests
{
    [Theory]
    [InlineData(0xE0001)]
    [InlineData(0xE0065)]
    [InlineData(0xE007F)]
    [InlineData(0x1D173)]
    [InlineData(0x13430)]
    public async Task A_format_character_beyond_the_BMP_is_not_in_the_safe_name_nor_in_the_saved_file_name(int codePoint)
    {
        string hidden = char.ConvertFromUtf32(codePoint);
        using var folder = new TempFolder();
        using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream(new byte[3]), "file_v3_x", "application/pdf", $"report{hidden}{hidden}.pdf");

        string safe = download.SafeFileName;
        string saved = Path.GetFileName(await download.SaveToDirectoryAsync(folder.Path));

        Assert.DoesNotContain(hidden, safe, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, saved, StringComparison.Ordinal);
        Assert.EndsWith(".pdf", safe, StringComparison.Ordinal);
        Assert.Equal(UnicodeCategory.Format, CharUnicodeInfo.GetUnicodeCategory(codePoint));
    }

    [Theory]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    public void A_line_or_paragraph_separator_is_not_in_the_safe_name(char separator)
    {
        using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream(new byte[3]), "file_v3_x", "text/plain", $"line{separator}break.txt");

        Assert.Equal("line_break.txt", download.SafeFileName);
    }

    [Fact]
    public void An_emoji_and_a_CJK_extension_character_stay_in_the_safe_name()
    {
        string name = "\U0001F600 \U00020000.txt";
        using FeishuDownload download = FeishuResourcesModelFactory.Download(new MemoryStream(new byte[3]), "file_v3_x", "text/plain", name);

        Assert.Equal(name, download.SafeFileName);
    }
}
