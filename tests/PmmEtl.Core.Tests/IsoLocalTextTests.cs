using PmmEtl.Core.Records;
using NodaTime;
using NodaTime.Text;
using PmmEtl.Core.Time;
using PmmEtl.Normalise;

namespace PmmEtl.Core.Tests;

/// <summary>
/// The fixed-width reader the CSV source uses on its buffer, and the value that stands in for the text: each case
/// worked out by hand; the span reader and the normaliser's text parser must agree on every input.
/// </summary>
public sealed class IsoLocalTextTests
{
    [Theory]
    [InlineData("2025-06-02 14:20:00", 2025, 6, 2, 14, 20, 0, ' ')]
    [InlineData("2024-02-29T23:59:59", 2024, 2, 29, 23, 59, 59, 'T')] // 2024 is a leap year
    [InlineData("0001-01-01 00:00:00", 1, 1, 1, 0, 0, 0, ' ')]
    [InlineData("9999-12-31 23:59:59", 9999, 12, 31, 23, 59, 59, ' ')]
    public void A_well_formed_time_is_read_and_written_back_to_the_same_text(string text, int y, int mo, int d, int h, int mi, int s, char separator)
    {
        Assert.Equal(IsoLocalShape.Valid, IsoLocalText.ParseDateTime(text, out LocalDateTime value, out char read));
        Assert.Equal(new LocalDateTime(y, mo, d, h, mi, s), value);
        Assert.Equal(separator, read);
        Assert.Equal(text, IsoLocalText.Format(value, read));
        Assert.Equal(text, RawValue.FromValue(value, read).Text);
        Assert.Equal(value, RawValue.FromValue(value, read).Value);
    }

    [Theory]
    [InlineData(1, 1, 1, 0, 0, 0, ' ')] // the first representable instant: packed next to the "no value" zero
    [InlineData(9999, 12, 31, 23, 59, 59, 'T')]
    [InlineData(2024, 2, 29, 12, 0, 1, ' ')]
    [InlineData(2025, 3, 9, 2, 30, 0, 'T')] // a local time inside New York's DST gap is still just a local time here
    public void A_value_kept_in_place_of_its_text_reads_back_whole(int y, int mo, int d, int h, int mi, int s, char separator)
    {
        var value = new LocalDateTime(y, mo, d, h, mi, s);
        RawValue raw = RawValue.FromValue(value, separator);

        Assert.True(raw.HasValue);
        Assert.False(raw.IsEmpty);
        Assert.Equal(value, raw.Value);
        Assert.Equal($"{y:D4}-{mo:D2}-{d:D2}{separator}{h:D2}:{mi:D2}:{s:D2}", raw.Text);
    }

    [Theory]
    [InlineData("2025-02-29 10:00:00")] // 2025 is not a leap year
    [InlineData("2025-04-31 10:00:00")] // April has 30 days
    [InlineData("2025-13-01 10:00:00")]
    [InlineData("2025-00-10 10:00:00")]
    [InlineData("2025-06-00 10:00:00")]
    [InlineData("2025-06-02 24:00:00")]
    [InlineData("2025-06-02 10:60:00")]
    [InlineData("2025-06-02 10:00:60")]
    [InlineData("0000-06-02 10:00:00")] // year 0 is refused here as the parser always refused it
    public void The_shape_with_an_impossible_date_or_time_is_invalid(string text) =>
        Assert.Equal(IsoLocalShape.Invalid, IsoLocalText.ParseDateTime(text, out _, out _));

    [Theory]
    [InlineData("")]
    [InlineData("2025-06-02 14:20")]            // no seconds: the general parser's
    [InlineData("2025-06-02 14:20:00.5")]       // a fraction
    [InlineData(" 2025-06-02 14:20:00")]        // blanks are trimmed before, not here
    [InlineData("2025/06/02 14:20:00")]
    [InlineData("2025-06-02x14:20:00")]
    [InlineData("2025-06-02 14-20-00")]
    [InlineData("+025-06-02 14:20:00")]
    [InlineData("2025-0a-02 14:20:00")]
    [InlineData("２025-06-02 14:20:00")]        // a full-width digit is not an ASCII digit
    [InlineData("2025-06-02T14:20:00Z")]        // an offset: 20 characters
    public void Any_other_text_is_left_to_the_general_parser(string text) =>
        Assert.Equal(IsoLocalShape.Other, IsoLocalText.ParseDateTime(text, out _, out _));

    [Theory]
    [InlineData("2025-06-02 14:20:00")]
    [InlineData("  2025-06-02T14:20:00 ")]
    [InlineData("2025-06-02 14:20")]
    [InlineData("2025-06-02T14:20:00.1234567")]
    [InlineData("2025-02-29 10:00:00")]
    [InlineData("2025-06-02 24:00:00")]
    [InlineData("0000-06-02 10:00:00")]
    [InlineData("2025-06-02T14:20:00+02:00")]
    [InlineData("garbage")]
    public void The_span_reader_and_the_text_parser_agree(string text)
    {
        // The CSV reader keeps a value only for Valid; anything else reaches the text parser as text, unchanged.
        IsoLocalShape shape = IsoLocalText.ParseDateTime(text.AsSpan().Trim(), out LocalDateTime fromSpan, out _);
        bool parsed = TimeTextReader.TryParse(text, out LocalDateTime fromText);
        if (shape == IsoLocalShape.Valid)
        {
            Assert.True(parsed);
            Assert.Equal(fromText, fromSpan);
        }
        else if (shape == IsoLocalShape.Invalid)
        {
            Assert.False(parsed);
        }
    }

    [Fact]
    public void Times_by_hand_parse_to_their_values_through_the_text_parser()
    {
        Assert.True(TimeTextReader.TryParse("2025-06-02 14:20:00", out LocalDateTime a));
        Assert.Equal(new LocalDateTime(2025, 6, 2, 14, 20, 0), a);
        Assert.True(TimeTextReader.TryParse("2025-06-02T14:20", out LocalDateTime b));
        Assert.Equal(new LocalDateTime(2025, 6, 2, 14, 20, 0), b);
        Assert.False(TimeTextReader.TryParse("2025-02-29 10:00:00", out _));
        Assert.False(TimeTextReader.TryParse("2025-06-02 14:20:00+02:00", out _));
    }

    [Theory]
    [InlineData("2025-06-02", 2025, 6, 2)]
    [InlineData(" 2024-02-29 ", 2024, 2, 29)]
    public void A_business_date_is_read_by_hand_value(string text, int y, int mo, int d)
    {
        Assert.True(TimeTextReader.TryParseDate(text, out LocalDate date));
        Assert.Equal(new LocalDate(y, mo, d), date);
    }

    [Theory]
    [InlineData("2025-06-02")]
    [InlineData("2024-02-29")]
    [InlineData("2025-02-29")]
    [InlineData("2025-13-01")]
    [InlineData("0000-01-01")]
    [InlineData("2025-6-2")]
    [InlineData("02/06/2025")]
    [InlineData("2025-06-02 ")]
    [InlineData("")]
    public void A_business_date_parses_as_the_iso_date_pattern_parses_it(string text)
    {
        ParseResult<LocalDate> expected = LocalDatePattern.Iso.Parse(text.Trim());
        Assert.Equal(expected.Success, TimeTextReader.TryParseDate(text, out LocalDate date));
        if (expected.Success)
        {
            Assert.Equal(expected.Value, date);
        }
    }

    [Fact]
    public void Only_a_value_that_has_a_fixed_width_text_can_stand_in_for_it()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RawValue.FromValue(new LocalDateTime(2025, 6, 2, 14, 20, 0).PlusMilliseconds(5), ' '));
        Assert.Throws<ArgumentOutOfRangeException>(() => RawValue.FromValue(new LocalDateTime(-5, 6, 2, 14, 20, 0), ' '));
        Assert.Throws<ArgumentOutOfRangeException>(() => RawValue.FromValue(new LocalDateTime(2025, 6, 2, 14, 20, 0), '/'));

        RawValue text = RawValue.FromText(" 2025-06-02 14:20:00 ");
        Assert.False(text.HasValue);
        Assert.Equal(" 2025-06-02 14:20:00 ", text.Text);
        Assert.False(default(RawValue).HasValue);
        Assert.Null(default(RawValue).Text);
    }
}
