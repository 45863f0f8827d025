using FeishuResources.Content;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Content;

public sealed class ContentDispositionParserTests
{
    public static TheoryData<string, string> RawUtf8Names => new()
    {
        { "季度报告.pdf", "季度报告.pdf" },
        { "会议纪要 2026-11.docx", "会议纪要 2026-11.docx" },
        { "😀 party 🎉.png", "😀 party 🎉.png" },
        { "Résumé.pdf", "Résumé.pdf" },
        { "日本語ファイル.txt", "日本語ファイル.txt" },
    };

    [Theory]
    [MemberData(nameof(RawUtf8Names))]
    public void Recovers_raw_utf8_names_that_dotnet_read_as_latin1(string sent, string expected)
    {
        Assert.Equal(expected, ContentDispositionParser.GetFileName("attachment; filename=\"" + MockFeishu.AsWireLatin1(sent) + "\""));
    }

    // "会" is U+4F1A: cut to its low byte it would read as valid one-byte UTF-8, so only keeping whole what a handler
    // already decoded (chars above U+00FF) gives the name back.
    [Theory]
    [InlineData("季度报告.pdf")]
    [InlineData("会.pdf")]
    public void Keeps_a_name_that_was_already_decoded_correctly(string name)
    {
        Assert.Equal(name, ContentDispositionParser.GetFileName("attachment; filename=\"" + name + "\""));
    }

    // The ends of each attr-char and hex-digit range ('z', 'Z', '9', 'f', 'F'), and '*': a token char that RFC 5987 does not
    // allow unescaped, so the extended name is refused and the plain one used.
    [Theory]
    [InlineData("attachment; filename*=UTF-8''zZ9.txt", "zZ9.txt")]
    [InlineData("attachment; filename*=UTF-8''f%6f%6F.txt", "foo.txt")]
    [InlineData("attachment; filename*=UTF-8''a*b.txt; filename=\"fallback.txt\"", "fallback.txt")]
    public void An_extended_name_takes_every_attr_char_and_refuses_other_unescaped_chars(string header, string expected)
    {
        Assert.Equal(expected, ContentDispositionParser.GetFileName(header));
    }

    [Fact]
    public void A_name_in_continuations_wins_over_the_plain_filename()
    {
        Assert.Equal("quarterly report.pdf", ContentDispositionParser.GetFileName("attachment; filename*0=\"quarterly \"; filename*1=\"report.pdf\"; filename=\"fallback.pdf\""));
    }

    [Fact]
    public void Keeps_a_genuine_latin1_name_that_is_not_valid_utf8()
    {
        Assert.Equal("café.txt", ContentDispositionParser.GetFileName("attachment; filename=\"caf\u00e9.txt\""));
    }

    [Theory]
    [InlineData("attachment; filename*=UTF-8''%E5%AD%A3%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf", "季度报告.pdf")]
    [InlineData("attachment; filename*=utf-8''report%20final.pdf", "report final.pdf")]
    [InlineData("attachment; filename*=UTF-8'zh-CN'%E4%B8%AD.txt", "中.txt")]
    [InlineData("attachment; filename*=UTF-8''10%3A30%20meeting.txt", "10:30 meeting.txt")]
    [InlineData("attachment; filename*=ISO-8859-1''caf%E9.txt", "café.txt")]
    [InlineData("attachment; filename*=iso-8859-1'en'na%EFve:x.txt", "naïve:x.txt")]
    [InlineData("attachment; filename*=UTF-8''%F0%9F%98%80.png", "😀.png")]
    [InlineData("attachment; FILENAME*=UTF-8''upper.txt", "upper.txt")]
    public void Decodes_rfc5987_extended_names(string header, string expected)
    {
        Assert.Equal(expected, ContentDispositionParser.GetFileName(header));
    }

    [Theory]
    [InlineData("attachment; filename=\"plain.txt\"; filename*=UTF-8''%E6%89%A9%E5%B1%95.txt", "扩展.txt")]
    [InlineData("attachment; filename*=UTF-8''%E6%89%A9%E5%B1%95.txt; filename=\"plain.txt\"", "扩展.txt")]
    [InlineData("attachment; filename=plain.txt; filename*=UTF-8''ext.txt", "ext.txt")]
    public void Prefers_the_extended_name_when_both_are_present(string header, string expected)
    {
        Assert.Equal(expected, ContentDispositionParser.GetFileName(header));
    }

    [Theory]
    [InlineData("attachment; filename=\"quoted name.txt\"", "quoted name.txt")]
    [InlineData("attachment; filename=unquoted.txt", "unquoted.txt")]
    [InlineData("attachment; filename=unquoted.txt; size=10", "unquoted.txt")]
    [InlineData("attachment;filename=\"tight.txt\"", "tight.txt")]
    [InlineData("attachment; filename = \"spaced.txt\"", "spaced.txt")]
    [InlineData("inline; filename=\"inline.png\"", "inline.png")]
    [InlineData("attachment; FileName=\"mixed-case.txt\"", "mixed-case.txt")]
    [InlineData("attachment; filename=\"say \\\"hi\\\".txt\"", "say \"hi\".txt")]
    [InlineData("attachment; filename=\"back\\\\slash.txt\"", "back\\slash.txt")]
    [InlineData("attachment; filename=\"semi;colon.txt\"", "semi;colon.txt")]
    [InlineData("attachment; filename=\"equals=sign.txt\"", "equals=sign.txt")]
    [InlineData("attachment; name=\"field; x=1\"; filename=\"after-quoted.txt\"", "after-quoted.txt")]
    [InlineData("attachment; filename=\"  padded.txt  \"", "padded.txt")]
    [InlineData("attachment; filename=\"../../etc/passwd\"", "../../etc/passwd")]
    public void Reads_quoted_and_unquoted_names(string header, string expected)
    {
        Assert.Equal(expected, ContentDispositionParser.GetFileName(header));
    }

    [Theory]
    [InlineData("attachment; filename=\"ok.txt\"; filename*=UTF-8''%FF%FE.txt", "ok.txt")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*=UTF-8''bad%ZZescape.txt", "ok.txt")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*=UTF-8''truncated%E", "ok.txt")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*=KOI8-R''%C1.txt", "ok.txt")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*=no-quotes-at-all.txt", "ok.txt")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*=UTF-8''%00.txt", "ok.txt")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*=UTF-8''", "ok.txt")]
    public void Falls_back_to_the_plain_name_when_the_extended_one_is_unusable(string header, string expected)
    {
        Assert.Equal(expected, ContentDispositionParser.GetFileName(header));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("attachment")]
    [InlineData("attachment;")]
    [InlineData("attachment; filename=")]
    [InlineData("attachment; filename=\"\"")]
    [InlineData("attachment; filename=\"   \"")]
    [InlineData("attachment; filename=\"unterminated.txt")]
    [InlineData("attachment; filename=\"trailing backslash\\")]
    [InlineData("attachment; filename*=UTF-8''%ZZ")]
    [InlineData("attachment; filename*=UTF-8''%E4%B8")]
    [InlineData("attachment; filename*=UTF-8''%")]
    [InlineData("attachment; filename*=UNKNOWN-CHARSET''name.txt")]
    [InlineData("attachment; filename*=UTF-8''non-ascii-\u00e9.txt")]
    [InlineData("attachment; filename=\"bell\u0007.txt\"")]
    [InlineData("attachment; filename=\"new\nline.txt\"")]
    [InlineData("attachment; filename=\"nul\0.txt\"")]
    [InlineData("attachment; filename=\"c1\u0085.txt\"")]
    [InlineData("attachment; filename*=UTF-8''tab%09.txt")]
    [InlineData("attachment; size=10")]
    [InlineData("attachment; =\"no-name.txt\"")]

    // These four were names before the field was read by RFC 6266's grammar; tc2231 has each field ignored:
    // an unquoted value ends at whitespace (attwithasciifilenamenqws), an extended value may not be quoted
    // (attwithfn2231quot), a parameter without a value is a second type (attandinline2), and a parameter
    // given twice makes the field invalid (attwith2filenames).
    [InlineData("attachment; filename*=UTF-8''10:30 meeting.txt")]
    [InlineData("attachment; filename*=\"UTF-8''quoted%20ext.txt\"")]
    [InlineData("attachment; flag; filename=\"after-flag.txt\"")]
    [InlineData("attachment; filename=\"first.txt\"; filename=\"second.txt\"")]
    public void Yields_null_for_absent_malformed_empty_or_control_character_names(string? header)
    {
        Assert.Null(ContentDispositionParser.GetFileName(header));
    }

    [Theory]
    [InlineData("attachment; filename*=UTF-8''%e5%ad%a3%e5%ba%a6.pdf", "季度.pdf")]
    [InlineData("attachment; filename*=UTF-8''%E5%ad%A3%e5%BA%A6.pdf", "季度.pdf")]
    [InlineData("attachment; filename*=iso-8859-1''caf%e9.txt", "café.txt")]
    public void Reads_percent_escapes_in_either_case(string header, string expected)
    {
        Assert.Equal(expected, ContentDispositionParser.GetFileName(header));
    }

    [Theory]
    [InlineData("attachment; filename*=UTF-8''first.txt; filename*=UTF-8''second.txt")]
    [InlineData("attachment; FILENAME*=UTF-8''first.txt; filename*=UTF-8''second.txt")]
    [InlineData("attachment; filename=\"plain.txt\"; filename*=UTF-8''first.txt; filename*=UTF-8''second.txt")]
    [InlineData("attachment; filename*0=\"a\"; filename*0=\"b\"")]
    public void A_parameter_given_twice_makes_the_field_yield_no_name(string header)
    {
        Assert.Null(ContentDispositionParser.GetFileName(header));
    }

    [Theory]
    [InlineData(3, "p1")]
    [InlineData(12, "P2")]
    [InlineData(12, "p11")]
    [InlineData(40, "p39")]
    public void A_parameter_given_twice_among_many_makes_the_field_yield_no_name(int count, string repeated)
    {
        string parameters = string.Concat(Enumerable.Range(0, count).Select(i => $"; p{i}=v{i}"));

        Assert.Equal("kept.txt", ContentDispositionParser.GetFileName($"attachment{parameters}; filename=\"kept.txt\""));
        Assert.Null(ContentDispositionParser.GetFileName($"attachment{parameters}; {repeated}=again; filename=\"kept.txt\""));
    }

    [Theory]
    [InlineData("attachment; filename=\"name.txt\"; flag")]
    [InlineData("attachment; filename=name.txt; flag")]
    [InlineData("attachment; filename=name.txt flag")]
    [InlineData("attachment; filename*=UTF-8''name.txt; flag")]
    public void A_bare_token_after_the_name_makes_the_field_yield_no_name(string header)
    {
        Assert.Null(ContentDispositionParser.GetFileName(header));
    }

    [Theory]
    [InlineData("attachment; filename*0*=UTF-8''%E5%AD; filename*1*=%A3.txt", "季.txt")]
    [InlineData("attachment; filename*0*=ISO-8859-1''caf; filename*1*=%E9; filename*2=.txt", "café.txt")]
    [InlineData("attachment; filename*0=\"plain\"; filename*1=.txt; filename*3=ignored", "plain.txt")]
    [InlineData("attachment; FILENAME*0=a; Filename*1=b", "ab")]
    public void Joins_rfc2231_continuations_in_number_order(string header, string expected)
    {
        Assert.Equal(expected, ContentDispositionParser.GetFileName(header));
    }

    [Theory]
    [InlineData("attachment; filename=\"ok.txt\"; filename*0=\"a\"; filename*0*=UTF-8''b")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*0=\"a\"; filename*1*=%41")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*0*=UTF-8''a; filename*1=\"\u00e9\"")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*0*=\"UTF-8''a\"")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*0*=UTF-8''%E5%AD")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*00=\"a\"")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*99999=\"a\"")]
    public void Falls_back_to_the_plain_name_when_continuations_cannot_be_read(string header)
    {
        Assert.Equal("ok.txt", ContentDispositionParser.GetFileName(header));
    }

    [Fact]
    public void Composes_a_decomposed_name()
    {
        Assert.Equal("Am\u00e9lie.txt", ContentDispositionParser.GetFileName("attachment; filename*=UTF-8''Ame%CC%81lie.txt"));
        Assert.Equal("Am\u00e9lie.txt", ContentDispositionParser.GetFileName("attachment; filename=\"" + MockFeishu.AsWireLatin1("Ame\u0301lie.txt") + "\""));
    }

    [Fact]
    public void Never_throws_on_random_and_mutated_headers()
    {
        var random = new Random(20261122);
        string[] seeds =
        [
            "attachment; filename=\"" + MockFeishu.AsWireLatin1("季度报告.pdf") + "\"",
            "attachment; filename*=UTF-8''%E5%AD%A3%E5%BA%A6.pdf",
            "attachment; filename=\"a.txt\"; filename*=ISO-8859-1''caf%E9.txt",
            "inline; filename=\"say \\\"hi\\\".txt\"; size=12",
            "attachment; filename*=UTF-8'en'x%20y",
        ];
        const string alphabet = "\"'\\;=%*: \t\r\n\0abcEF09-._/filenameUTF8ISO\u00e4\u00ff\u0100\ud83d\ude00\ud800\udc00";

        int named = 0;
        for (int i = 0; i < 100_000; i++)
        {
            string header = (i % 2 == 0) ? RandomHeader(random, alphabet) : Mutate(random, seeds[random.Next(seeds.Length)], alphabet);

            string? name = ContentDispositionParser.GetFileName(header);

            if (name is not null)
            {
                named++;
                Assert.False(name.Any(char.IsControl), $"control character in the name from {Escape(header)}");
                Assert.Equal(name.Trim(), name);
                Assert.NotEqual(string.Empty, name);
            }
        }

        // The mutations keep many headers valid, so a parser that gave up on everything would fail here.
        // (Read by RFC 6266's grammar, a mutation inside a token or quoted-string now invalidates the whole field,
        // as tc2231 asks: 9,365 of these headers yield a name, where the looser reading gave over 10,000.)
        Assert.True(named > 8_000, $"only {named} headers yielded a name");
    }

    private static string RandomHeader(Random random, string alphabet)
    {
        int length = random.Next(0, 80);
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = random.Next(4) == 0 ? (char)random.Next(0, 0x10000) : alphabet[random.Next(alphabet.Length)];
        }

        string body = new(chars);
        return random.Next(3) switch
        {
            0 => body,
            1 => "attachment; filename=" + body,
            _ => "attachment; filename*=" + body,
        };
    }

    private static string Mutate(Random random, string seed, string alphabet)
    {
        var text = new System.Text.StringBuilder(seed);
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations && text.Length > 0; m++)
        {
            int at = random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 2:
                    text[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                default:
                    text.Length = at;
                    break;
            }
        }

        return text.ToString();
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:x4}" : c.ToString()));
}
