using System.Text;
using FeishuResources.Content;
using Xunit;

namespace FeishuResources.Tests.Content;

public sealed class FileNameSanitizerTests
{
    [Theory]
    [InlineData("../../x", "x")]
    [InlineData("..\\..\\x.txt", "x.txt")]
    [InlineData("a/b\\c", "c")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("C:\\Windows\\win.ini", "win.ini")]
    [InlineData("季度报告.pdf", "季度报告.pdf")]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData(".hidden", ".hidden")]
    public void Directory_parts_are_dropped(string raw, string expected)
        => Assert.Equal(expected, FileNameSanitizer.Sanitize(raw));

    [Theory]
    [InlineData("a<b>c:d\"e|f?g*h.txt", "a_b_c_d_e_f_g_h.txt")]
    [InlineData("tab\there\u0001.txt", "tab_here_.txt")]
    [InlineData("del\u007F.txt", "del_.txt")]
    [InlineData("invoice\u202Efdp.exe", "invoice_fdp.exe")]
    public void Characters_invalid_on_any_platform_are_replaced(string raw, string expected)
        => Assert.Equal(expected, FileNameSanitizer.Sanitize(raw));

    [Theory]
    [InlineData("CON", "_CON")]
    [InlineData("con.txt", "_con.txt")]
    [InlineData("CON.txt", "_CON.txt")]
    [InlineData("Nul.tar.gz", "_Nul.tar.gz")]
    [InlineData("COM1.log", "_COM1.log")]
    [InlineData("lpt9", "_lpt9")]
    [InlineData("AUX .txt", "_AUX .txt")]
    [InlineData("CONSOLE.txt", "CONSOLE.txt")]
    [InlineData("COM10.txt", "COM10.txt")]
    public void Reserved_device_names_are_prefixed(string raw, string expected)
        => Assert.Equal(expected, FileNameSanitizer.Sanitize(raw));

    [Theory]
    [InlineData("name.txt.", "name.txt")]
    [InlineData("name.txt . .", "name.txt")]
    [InlineData("  spaced.txt  ", "spaced.txt")]
    public void Trailing_dots_and_spaces_are_trimmed(string raw, string expected)
        => Assert.Equal(expected, FileNameSanitizer.Sanitize(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("....")]
    [InlineData("   ")]
    [InlineData(". . .")]
    [InlineData("a/..")]
    [InlineData("dir/")]
    public void Names_with_nothing_usable_left_give_null(string? raw)
        => Assert.Null(FileNameSanitizer.Sanitize(raw));

    [Fact]
    public void Long_names_are_cut_to_255_utf8_bytes_keeping_the_extension()
    {
        string safe = FileNameSanitizer.Sanitize(new string('a', 300) + ".pdf")!;

        Assert.Equal(255, Encoding.UTF8.GetByteCount(safe));
        Assert.EndsWith("a.pdf", safe, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_chinese_and_emoji_names_are_cut_between_characters()
    {
        string safe = FileNameSanitizer.Sanitize(string.Concat(Enumerable.Repeat("报告😀", 60)) + ".docx")!;

        Assert.InRange(Encoding.UTF8.GetByteCount(safe), 240, 255);
        Assert.EndsWith(".docx", safe, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(safe[safe.Length - ".docx".Length - 1]));
        Assert.Equal(safe, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(safe)));
    }

    [Theory]
    [InlineData('\u00E9', 2)] // é: two UTF-8 bytes
    [InlineData('\u0800', 3)] // the first char of three bytes
    [InlineData('\u62A5', 3)] // 报
    public void Long_names_keep_as_many_whole_characters_as_fit_in_255_bytes(char letter, int bytesEach)
    {
        string safe = FileNameSanitizer.Sanitize(new string(letter, 200) + ".txt")!;

        // 255 bytes less the 4 of ".txt", in whole characters.
        Assert.Equal(new string(letter, (255 - 4) / bytesEach) + ".txt", safe);
    }

    [Fact]
    public void Long_emoji_names_keep_whole_surrogate_pairs_of_four_bytes_each()
    {
        string safe = FileNameSanitizer.Sanitize(string.Concat(Enumerable.Repeat("\U0001F600", 70)) + ".txt")!;

        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F600", (255 - 4) / 4)) + ".txt", safe);
    }

    [Fact]
    public void A_lone_surrogate_is_replaced_wherever_it_stands()
    {
        // Not theory data: the test runner's serialization would turn a lone surrogate into U+FFFD on the way.
        Assert.Equal("a_b.txt", FileNameSanitizer.Sanitize("a\uD83Db.txt"));
        Assert.Equal("a_b.txt", FileNameSanitizer.Sanitize("a\uDE00b.txt"));
        Assert.Equal("end_", FileNameSanitizer.Sanitize("end\uD83D"));
        Assert.Equal("_\U0001F600_.txt", FileNameSanitizer.Sanitize("\uDE00\U0001F600\uD83D.txt"));
    }

    [Theory]
    [InlineData(".abcdefghijklmno")] // 16 chars with the dot: an extension, kept whole
    [InlineData(".pdf")]
    public void A_long_name_keeps_an_extension_of_up_to_16_characters(string extension)
    {
        string safe = FileNameSanitizer.Sanitize(new string('a', 300) + extension)!;

        Assert.Equal(255, Encoding.UTF8.GetByteCount(safe));
        Assert.EndsWith("a" + extension, safe, StringComparison.Ordinal);
    }

    [Fact]
    public void A_longer_extension_is_part_of_the_name_and_is_cut_with_it()
    {
        string safe = FileNameSanitizer.Sanitize(new string('a', 300) + ".abcdefghijklmnop")!;

        Assert.Equal(new string('a', 255), safe);
    }

    [Fact]
    public void A_long_name_cut_down_to_dots_only_becomes_download()
    {
        Assert.Equal("download.txt", FileNameSanitizer.Sanitize(new string('.', 260) + "x.txt"));
    }

    [Fact]
    public void Numbered_alternatives_stay_within_the_bound_and_keep_the_extension()
    {
        string safe = FileNameSanitizer.Sanitize(new string('b', 300) + ".zip")!;

        string numbered = FileNameSanitizer.WithCounter(safe, 12);

        Assert.Equal(255, Encoding.UTF8.GetByteCount(numbered));
        Assert.EndsWith("b (12).zip", numbered, StringComparison.Ordinal);
        Assert.Equal("report (1).pdf", FileNameSanitizer.WithCounter("report.pdf", 1));
        Assert.Equal("README (2)", FileNameSanitizer.WithCounter("README", 2));
    }

    [Theory]
    [InlineData("../..", "file_v3_abc", "application/pdf", "file_v3_abc.pdf")]
    [InlineData(null, "img_v3_x", "image/jpeg; charset=binary", "img_v3_x.jpg")]
    [InlineData(null, "file_v3_y", "application/x-unknown", "file_v3_y.bin")]
    [InlineData(null, "file_v3_z", null, "file_v3_z.bin")]
    [InlineData("  ", "../..", "audio/opus", "download.opus")]
    [InlineData("given.txt", "file_v3_abc", "application/pdf", "given.txt")]
    public void Downloads_without_a_usable_name_use_the_key_and_the_content_type(string? fileName, string key, string? contentType, string expected)
        => Assert.Equal(expected, FileNameSanitizer.ForDownload(fileName, key, contentType));

    [Fact]
    public void Combining_refuses_anything_that_leaves_the_directory()
    {
        string root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "feishu-root"));

        Assert.Equal(Path.Combine(root, "a.txt"), FileNameSanitizer.CombineInside(root, "a.txt"));
        Assert.Throws<InvalidOperationException>(() => FileNameSanitizer.CombineInside(root, ".."));
        Assert.Throws<InvalidOperationException>(() => FileNameSanitizer.CombineInside(root, "../x"));
        Assert.Throws<InvalidOperationException>(() => FileNameSanitizer.CombineInside(root, "sub/x"));
    }
}
