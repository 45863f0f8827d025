using System.Diagnostics;
using FeishuResources.Content;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Content;

/// <summary>The file name read from <c>Content-Disposition</c>: the grammar's edges, RFC 2231 segment numbers, raw UTF-8 names.</summary>
public sealed class Mut8ContentDispositionTests
{
    // Every byte of these names is above 0x7F: there is no ASCII char to make the name look like Latin-1 text.
    [Theory]
    [InlineData("季度报告")]
    [InlineData("😀")]
    [InlineData("Ωμέγα")]
    public void A_raw_utf8_name_without_a_single_ascii_character_is_recovered(string name)
    {
        Assert.Equal(name, ContentDispositionParser.GetFileName("attachment; filename=\"" + MockFeishu.AsWireLatin1(name) + "\""));
    }

    // Only an extended value (filename*) may carry a raw ':' (names with a time in them); in any other unquoted value,
    // the type or a parameter name, ':' is a delimiter and the field does not match RFC 6266's grammar.
    [Theory]
    [InlineData("attachment; filename=10:30.txt")]
    [InlineData("attachment; size=1:2; filename=\"kept.txt\"")]
    [InlineData("attachment:inline; filename=\"kept.txt\"")]
    [InlineData("attachment; x:y=1; filename=\"kept.txt\"")]
    public void A_raw_colon_outside_an_extended_value_makes_the_field_yield_no_name(string header)
    {
        Assert.Null(ContentDispositionParser.GetFileName(header));
    }

    [Theory]
    [InlineData("attachment; filename=\"ok.txt\"; filename*0*=nocharset; filename*1=.txt")]
    [InlineData("attachment; filename=\"ok.txt\"; filename*0*=UTF-8'only-one-quote; filename*1=.txt")]
    public void Continuations_whose_first_segment_names_no_charset_fall_back_to_the_plain_name(string header)
    {
        Assert.Equal("ok.txt", ContentDispositionParser.GetFileName(header));
    }

    [Fact]
    public void Continuations_numbered_past_nine_are_joined_in_number_order()
    {
        const string letters = "abcdefghijk";
        string header = "attachment" + string.Concat(letters.Select((c, i) => $"; filename*{i}={c}"));

        Assert.Equal(letters, ContentDispositionParser.GetFileName(header));
    }

    // Segment numbers have at most four digits; 1000 is the first of four.
    [Fact]
    public void Continuations_numbered_up_to_four_digits_are_joined()
    {
        string header = "attachment" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"; filename*{i}={(i == 1000 ? 'z' : 'a')}"));

        Assert.Equal(new string('a', 1000) + "z", ContentDispositionParser.GetFileName(header));
    }

    // filename* itself is no segment, and neither is a number of ten digits that would wrap round to 0 in an int.
    [Theory]
    [InlineData("attachment; filename*=KOI8-R''%C1.txt; filename*0=\"segments.txt\"; filename=\"plain.txt\"", "segments.txt")]
    [InlineData("attachment; filename*=KOI8-R''%C1.txt; filename*0*=UTF-8''segments.txt; filename=\"plain.txt\"", "segments.txt")]
    [InlineData("attachment; filename=\"plain.txt\"; filename*4294967296=\"wrapped.txt\"", "plain.txt")]
    [InlineData("attachment; filename*0=\"segments.txt\"; filename*4294967296=\"wrapped.txt\"", "segments.txt")]
    public void Only_filename_star_with_a_number_of_one_to_four_digits_is_a_segment(string header, string expected)
    {
        Assert.Equal(expected, ContentDispositionParser.GetFileName(header));
    }

    // RFC 6266 §4.1: a parameter given twice makes the field invalid. The check must not turn quadratic in the number
    // of parameters: 100,000 distinct ones are read in linear time (about a second on a loaded 2-core machine; quadratic,
    // 80 s). The bound is a guard against the quadratic shape, 20 times the linear time, not a timing goal.
    [Fact]
    public void A_hostile_field_of_100_000_distinct_parameters_is_read_in_linear_time()
    {
        string header = "attachment" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"; p{i}=v")) + "; filename=\"kept.txt\"";

        var watch = Stopwatch.StartNew();
        string? name = ContentDispositionParser.GetFileName(header);
        watch.Stop();

        Assert.Equal("kept.txt", name);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
