using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Content;

/// <summary>
/// Julian Reschke's tc2231 cases (RFC 6266 / RFC 5987 / RFC 2231 in browsers, greenbytes.de/tech/tc2231),
/// one Theory per section of that page, each case under its tc2231 name. The header values are written as
/// .NET hands them to us: each byte of the field one Latin-1 char (<c>\u00e4</c> is the byte E4).
/// The expectation is the name the download reports; <see langword="null"/> where tc2231 wants the header
/// (or the parameter) ignored, or wants no name. What a name then becomes on disk is the sanitizer's job:
/// <c>/foo.html</c> is reported as sent and saved without its path.
/// </summary>
public sealed class Tc2231Tests
{
    public static TheoryData<string, string, string?> DispositionTypeInline => new()
    {
        { "inlonly", "inline", null },
        { "inlonlyquoted", "\"inline\"", null },
        { "inlwithasciifilename", "inline; filename=\"foo.html\"", "foo.html" },
        { "inlwithfnattach", "inline; filename=\"Not an attachment!\"", "Not an attachment!" },
        { "inlwithasciifilenamepdf", "inline; filename=\"foo.pdf\"", "foo.pdf" },
    };

    /// <summary>The attachment cases whose field is valid.</summary>
    public static TheoryData<string, string, string?> DispositionTypeAttachment => new()
    {
        { "attonly", "attachment", null },
        { "attonly403", "attachment", null },
        { "attonlyucase", "ATTACHMENT", null },
        { "attwithasciifilename", "attachment; filename=\"foo.html\"", "foo.html" },
        { "attwithasciifilename25", "attachment; filename=\"0000000000111111111122222\"", "0000000000111111111122222" },
        { "attwithasciifilename35", "attachment; filename=\"00000000001111111111222222222233333\"", "00000000001111111111222222222233333" },
        { "attwithasciifnescapedchar", "attachment; filename=\"f\\oo.html\"", "foo.html" },
        { "attwithasciifnescapedquote", "attachment; filename=\"\\\"quoting\\\" tested.html\"", "\"quoting\" tested.html" },
        { "attwithquotedsemicolon", "attachment; filename=\"Here's a semicolon;.html\"", "Here's a semicolon;.html" },
        { "attwithfilenameandextparam", "attachment; foo=\"bar\"; filename=\"foo.html\"", "foo.html" },
        { "attwithfilenameandextparamescaped", "attachment; foo=\"\\\"\\\\\";filename=\"foo.html\"", "foo.html" },
        { "attwithasciifilenameucase", "attachment; FILENAME=\"foo.html\"", "foo.html" },
        { "attwithasciifilenamenq", "attachment; filename=foo.html", "foo.html" },
        { "attwithfntokensq", "attachment; filename='foo.bar'", "'foo.bar'" },
        { "attwithisofnplain", "attachment; filename=\"foo-\u00e4.html\"", "foo-\u00e4.html" },
        { "attwithfnrawpctenca", "attachment; filename=\"foo-%41.html\"", "foo-%41.html" },
        { "attwithfnusingpct", "attachment; filename=\"50%.html\"", "50%.html" },
        { "attwithfnrawpctencaq", "attachment; filename=\"foo-%\\41.html\"", "foo-%41.html" },
        { "attwithnamepct", "attachment; name=\"foo-%41.html\"", null },
        { "attwithfilenamepctandiso", "attachment; filename=\"\u00e4-%41.html\"", "\u00e4-%41.html" },
        { "attwithfnrawpctenclong", "attachment; filename=\"foo-%c3%a4-%e2%82%ac.html\"", "foo-%c3%a4-%e2%82%ac.html" },
        { "attwithasciifilenamews1", "attachment; filename =\"foo.html\"", "foo.html" },
        { "attconfusedparam", "attachment; xfilename=foo.html", null },
        { "attabspath", "attachment; filename=\"/foo.html\"", "/foo.html" },
        { "attabspathwin", "attachment; filename=\"\\\\foo.html\"", "\\foo.html" },
    };

    /// <summary>The attachment cases whose field RFC 6266 does not make: tc2231 wants them ignored.</summary>
    public static TheoryData<string, string> DispositionTypeAttachmentInvalid => new()
    {
        { "attonlyquoted", "\"attachment\"" },
        { "attwithtokfncommanq", "attachment; filename=foo,bar.html" },
        { "attwithasciifilenamenqs", "attachment; filename=foo.html ;" },
        { "attemptyparam", "attachment; ;filename=foo" },
        { "attwithasciifilenamenqws", "attachment; filename=foo bar.html" },
        { "attwith2filenames", "attachment; filename=\"foo.html\"; filename=\"bar.html\"" },
        { "attfnbrokentoken", "attachment; filename=foo[1](2).html" },
        { "attfnbrokentokeniso", "attachment; filename=foo-\u00e4.html" },
        { "attfnbrokentokenutf", "attachment; filename=foo-\u00c3\u00a4.html" },
        { "attmissingdisposition", "filename=foo.html" },
        { "attmissingdisposition2", "x=y; filename=foo.html" },
        { "attmissingdisposition3", "\"foo; filename=bar;baz\"; filename=qux" },
        { "attmissingdisposition4", "filename=foo.html, filename=bar.html" },
        { "emptydisposition", "; filename=foo.html" },
        { "doublecolon", ": inline; attachment; filename=foo.html" },
        { "attandinline", "inline; attachment; filename=foo.html" },
        { "attandinline2", "attachment; inline; filename=foo.html" },
        { "attbrokenquotedfn", "attachment; filename=\"foo.html\".txt" },
        { "attbrokenquotedfn2", "attachment; filename=\"bar" },
        { "attbrokenquotedfn3", "attachment; filename=foo\"bar;baz\"qux" },
        { "attmultinstances", "attachment; filename=foo.html, attachment; filename=bar.html" },
        { "attmissingdelim", "attachment; foo=foo filename=bar" },
        { "attmissingdelim2", "attachment; filename=bar foo=foo" },
        { "attmissingdelim3", "attachment filename=bar" },
        { "attreversed", "filename=foo.html; attachment" },
    };

    public static TheoryData<string, string, string?> AdditionalParameters => new()
    {
        { "attcdate", "attachment; creation-date=\"Wed, 12 Feb 1997 16:29:51 -0500\"", null },
        { "attmdate", "attachment; modification-date=\"Wed, 12 Feb 1997 16:29:51 -0500\"", null },
    };

    public static TheoryData<string, string, string?> DispositionTypeExtension => new()
    {
        { "dispext", "foobar", null },
        { "dispextbadfn", "attachment; example=\"filename=example.txt\"", null },
    };

    public static TheoryData<string, string, string?> Rfc2231CharacterSets => new()
    {
        { "attwithisofn2231iso", "attachment; filename*=iso-8859-1''foo-%E4.html", "foo-\u00e4.html" },
        { "attwithfn2231utf8", "attachment; filename*=UTF-8''foo-%c3%a4-%e2%82%ac.html", "foo-\u00e4-\u20ac.html" },
        { "attwithfn2231noc", "attachment; filename*=''foo-%c3%a4-%e2%82%ac.html", null },
        { "attwithfn2231utf8comp", "attachment; filename*=UTF-8''foo-a%cc%88.html", "foo-\u00e4.html" },
        { "attwithfn2231utf8-bad", "attachment; filename*=iso-8859-1''foo-%c3%a4-%e2%82%ac.html", null },
        { "attwithfn2231iso-bad", "attachment; filename*=utf-8''foo-%E4.html", null },
        { "attwithfn2231ws1", "attachment; filename *=UTF-8''foo-%c3%a4.html", null },
        { "attwithfn2231ws2", "attachment; filename*= UTF-8''foo-%c3%a4.html", "foo-\u00e4.html" },
        { "attwithfn2231ws3", "attachment; filename* =UTF-8''foo-%c3%a4.html", "foo-\u00e4.html" },
        { "attwithfn2231quot", "attachment; filename*=\"UTF-8''foo-%c3%a4.html\"", null },
        { "attwithfn2231quot2", "attachment; filename*=\"foo%20bar.html\"", null },
        { "attwithfn2231singleqmissing", "attachment; filename*=UTF-8'foo-%c3%a4.html", null },
        { "attwithfn2231nbadpct1", "attachment; filename*=UTF-8''foo%", null },
        { "attwithfn2231nbadpct2", "attachment; filename*=UTF-8''f%oo.html", null },
        { "attwithfn2231dpct", "attachment; filename*=UTF-8''A-%2541.html", "A-%41.html" },
        { "attwithfn2231abspathdisguised", "attachment; filename*=UTF-8''%5cfoo.html", "\\foo.html" },
    };

    public static TheoryData<string, string, string?> Rfc2231Continuations => new()
    {
        { "attfncont", "attachment; filename*0=\"foo.\"; filename*1=\"html\"", "foo.html" },
        { "attfncontqs", "attachment; filename*0=\"foo\"; filename*1=\"\\b\\a\\r.html\"", "foobar.html" },
        { "attfncontenc", "attachment; filename*0*=UTF-8''foo-%c3%a4; filename*1=\".html\"", "foo-\u00e4.html" },
        { "attfncontlz", "attachment; filename*0=\"foo\"; filename*01=\"bar\"", "foo" },
        { "attfncontnc", "attachment; filename*0=\"foo\"; filename*2=\"bar\"", "foo" },
        { "attfnconts1", "attachment; filename*1=\"foo.\"; filename*2=\"html\"", null },
        { "attfncontord", "attachment; filename*1=\"bar\"; filename*0=\"foo\"", "foobar" },
    };

    public static TheoryData<string, string, string?> FilenameAndFilenameStar => new()
    {
        { "attfnboth", "attachment; filename=\"foo-ae.html\"; filename*=UTF-8''foo-%c3%a4.html", "foo-\u00e4.html" },
        { "attfnboth2", "attachment; filename*=UTF-8''foo-%c3%a4.html; filename=\"foo-ae.html\"", "foo-\u00e4.html" },

        // tc2231 lets a client take either name here; the one filename* (no continuations) is preferred.
        { "attfnboth3", "attachment; filename*0*=ISO-8859-15''euro-sign%3d%a4; filename*=ISO-8859-1''currency-sign%3d%a4", "currency-sign=\u00a4" },
        { "attnewandfn", "attachment; foobar=x; filename=\"foo.html\"", "foo.html" },
    };

    public static TheoryData<string, string, string?> Rfc2047Encoding => new()
    {
        { "attrfc2047token", "attachment; filename==?ISO-8859-1?Q?foo-=E4.html?=", null },
        { "attrfc2047quoted", "attachment; filename=\"=?ISO-8859-1?Q?foo-=E4.html?=\"", "=?ISO-8859-1?Q?foo-=E4.html?=" },
    };

    [Theory]
    [MemberData(nameof(DispositionTypeInline))]
    public Task Inline_disposition_type_cases_give_tc2231s_name(string tc2231Case, string header, string? expected)
        => AssertNameAsync(tc2231Case, header, expected);

    [Theory]
    [MemberData(nameof(DispositionTypeAttachment))]
    public Task Attachment_disposition_type_cases_give_tc2231s_name(string tc2231Case, string header, string? expected)
        => AssertNameAsync(tc2231Case, header, expected);

    [Theory]
    [MemberData(nameof(DispositionTypeAttachmentInvalid))]
    public Task Attachment_cases_that_break_the_grammar_give_no_name(string tc2231Case, string header)
        => AssertNameAsync(tc2231Case, header, null);

    [Theory]
    [MemberData(nameof(AdditionalParameters))]
    public Task Additional_parameter_cases_give_tc2231s_name(string tc2231Case, string header, string? expected)
        => AssertNameAsync(tc2231Case, header, expected);

    [Theory]
    [MemberData(nameof(DispositionTypeExtension))]
    public Task Disposition_type_extension_cases_give_tc2231s_name(string tc2231Case, string header, string? expected)
        => AssertNameAsync(tc2231Case, header, expected);

    [Theory]
    [MemberData(nameof(Rfc2231CharacterSets))]
    public Task Rfc2231_character_set_cases_give_tc2231s_name(string tc2231Case, string header, string? expected)
        => AssertNameAsync(tc2231Case, header, expected);

    [Theory]
    [MemberData(nameof(Rfc2231Continuations))]
    public Task Rfc2231_continuation_cases_give_tc2231s_name(string tc2231Case, string header, string? expected)
        => AssertNameAsync(tc2231Case, header, expected);

    [Theory]
    [MemberData(nameof(FilenameAndFilenameStar))]
    public Task Filename_and_filename_star_cases_give_tc2231s_name(string tc2231Case, string header, string? expected)
        => AssertNameAsync(tc2231Case, header, expected);

    [Theory]
    [MemberData(nameof(Rfc2047Encoding))]
    public Task Rfc2047_cases_give_tc2231s_name(string tc2231Case, string header, string? expected)
        => AssertNameAsync(tc2231Case, header, expected);

    /// <summary>
    /// The one deliberate difference (tc2231 attwithutf8fnplain wants <c>foo-Ã¤.html</c>): the platform sends
    /// raw UTF-8 bytes in a quoted <c>filename</c>, .NET reads them as Latin-1, and the SDK decodes them as UTF-8.
    /// </summary>
    [Fact]
    public Task Raw_utf8_bytes_in_a_quoted_filename_are_decoded_as_utf8_unlike_tc2231()
        => AssertNameAsync("attwithutf8fnplain", "attachment; filename=\"foo-\u00c3\u00a4.html\"", "foo-\u00e4.html");

    [Theory]
    [InlineData("attabspath", "attachment; filename=\"/foo.html\"")]
    [InlineData("attabspathwin", "attachment; filename=\"\\\\foo.html\"")]
    [InlineData("attwithfn2231abspathdisguised", "attachment; filename*=UTF-8''%5cfoo.html")]
    public async Task Absolute_path_cases_are_saved_without_their_path(string tc2231Case, string header)
    {
        using var folder = new TempFolder();
        using var feishu = Serving(header);
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);

        string path = await download.SaveToDirectoryAsync(folder.Path);

        Assert.Equal(folder.Path, Path.GetDirectoryName(path));
        Assert.EndsWith("foo.html", Path.GetFileName(path), StringComparison.Ordinal);
        Assert.True(File.Exists(path), tc2231Case);
    }

    [Theory]
    [InlineData("attmissingdelim2", "attachment; filename=bar foo=foo")]
    [InlineData("attwith2filenames", "attachment; filename=\"foo.html\"; filename=\"bar.html\"")]
    public async Task A_header_that_yields_no_name_still_saves_under_the_key_and_extension(string tc2231Case, string header)
    {
        using var folder = new TempFolder();
        using var feishu = Serving(header);
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);

        string path = await download.SaveToDirectoryAsync(folder.Path);

        Assert.Equal(Key + ".pdf", Path.GetFileName(path));
        Assert.Equal(Body, await File.ReadAllBytesAsync(path));
        Assert.Null(download.FileName);
        Assert.NotNull(tc2231Case);
    }

    private const string Key = "file_v3_tc2231";

    private static readonly byte[] Body = [1, 2, 3, 4];

    private static MockFeishu Serving(string header)
    {
        var feishu = new MockFeishu();
        feishu.Http.When(HttpMethod.Get, MockFeishu.BaseUrl + "/open-apis/im/v1/files/" + Key)
            .Respond(_ => MockFeishu.File(Body, "application/pdf", header));
        return feishu;
    }

    private static async Task AssertNameAsync(string tc2231Case, string header, string? expected)
    {
        using var feishu = Serving(header);
        await using FeishuDownload download = await feishu.Client.DownloadFileAsync(Key);

        Assert.True(expected == download.FileName, $"{tc2231Case}: expected {Show(expected)}, got {Show(download.FileName)}");
    }

    private static string Show(string? name) => name is null ? "no name" : "'" + string.Concat(name.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:x4}" : c.ToString())) + "'";
}
