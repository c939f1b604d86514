using NodaTime;
using PmmEtl.Core.Time;

namespace PmmEtl.Core.Tests;

/// <summary>
/// The one reader of time text, form by form: local wall-clock text, text with its own offset, the WCO Data Model's
/// formatCode 304 and 204, and ISO dates. Expected values are written out by hand from the text.
/// </summary>
public sealed class TimeTextReaderTests
{
    [Theory]
    [InlineData("2025-07-04 10:15:30", 2025, 7, 4, 10, 15, 30, 0)]
    [InlineData("2025-07-04T10:15:30", 2025, 7, 4, 10, 15, 30, 0)]
    [InlineData("  2025-07-04 10:15:30  ", 2025, 7, 4, 10, 15, 30, 0)]
    [InlineData("2025-07-04 10:15", 2025, 7, 4, 10, 15, 0, 0)]
    [InlineData("2025-07-04T10:15", 2025, 7, 4, 10, 15, 0, 0)]
    [InlineData("2025-07-04 10:15:30.25", 2025, 7, 4, 10, 15, 30, 250)]
    // ISO 8601 allows a comma before the fraction; the file reader always took it, and the one list keeps it.
    [InlineData("2025-07-04 10:15:30,25", 2025, 7, 4, 10, 15, 30, 250)]
    [InlineData("2025-07-04T10:15:30.5", 2025, 7, 4, 10, 15, 30, 500)]
    public void Local_forms_read_as_the_wall_clock_time_they_write(string text, int y, int mo, int d, int h, int mi, int s, int ms)
    {
        Assert.True(TimeTextReader.TryParse(text, out LocalDateTime value));
        Assert.Equal(new LocalDateTime(y, mo, d, h, mi, s, ms), value);
    }

    [Theory]
    [InlineData("2025-02-29 10:00:00")] // 2025 is not a leap year
    [InlineData("2025-13-01 10:00:00")]
    [InlineData("2025-07-04 24:00:00")]
    [InlineData("2025-07-04T10:15:30+02:00")] // an instant, not a local time
    [InlineData("20250704101530")]
    [InlineData("04/07/2025 10:15")]
    [InlineData("")]
    public void Text_that_is_no_local_time_is_refused(string text) => Assert.False(TimeTextReader.TryParse(text, out _));

    [Theory]
    [InlineData("2025-07-04T10:15:30+02:00", 2025, 7, 4, 10, 15, 30, 0, 2 * 3600)]
    [InlineData("2025-07-04T10:15:30Z", 2025, 7, 4, 10, 15, 30, 0, 0)]
    [InlineData("2025-07-04 10:15:30-05:00", 2025, 7, 4, 10, 15, 30, 0, -5 * 3600)]
    [InlineData("2025-07-04T10:15:30.125+05:30", 2025, 7, 4, 10, 15, 30, 125, 5 * 3600 + 30 * 60)]
    [InlineData("2025-07-04T10:15+01:00", 2025, 7, 4, 10, 15, 0, 0, 3600)]
    public void Offset_forms_keep_the_offset_they_carry(string text, int y, int mo, int d, int h, int mi, int s, int ms, int offsetSeconds)
    {
        Assert.True(TimeTextReader.TryParseOffset(text, out OffsetDateTime value));
        Assert.Equal(new LocalDateTime(y, mo, d, h, mi, s, ms), value.LocalDateTime);
        Assert.Equal(Offset.FromSeconds(offsetSeconds), value.Offset);
    }

    [Theory]
    [InlineData("2025-07-04 10:15:30")] // no offset: a local time, for the office's zone to resolve
    [InlineData("20250704101530Z")]
    public void Text_without_an_iso_offset_is_no_offset_time(string text) => Assert.False(TimeTextReader.TryParseOffset(text, out _));

    [Theory]
    [InlineData("20250704101530Z", 0)]
    [InlineData("20250704101530+02", 2 * 3600)]
    [InlineData("20250704101530-0530", -(5 * 3600 + 30 * 60))]
    [InlineData("20250704101530+05:45", 5 * 3600 + 45 * 60)]
    [InlineData(" 20250704101530+01 ", 3600)]
    public void Wco_304_is_an_exact_instant_with_its_offset(string text, int offsetSeconds)
    {
        Assert.True(TimeTextReader.IsWco304(text));
        Assert.True(TimeTextReader.TryParseWco304(text, out OffsetDateTime value, out string? error));
        Assert.Null(error);
        Assert.Equal(new LocalDateTime(2025, 7, 4, 10, 15, 30), value.LocalDateTime);
        Assert.Equal(Offset.FromSeconds(offsetSeconds), value.Offset);
        // The instant: 10:15:30 at the offset is 10:15:30 minus the offset in UTC.
        Assert.Equal(Instant.FromUtc(2025, 7, 4, 10, 15, 30) - Duration.FromSeconds(offsetSeconds), value.ToInstant());
    }

    [Fact]
    public void Wco_304_refuses_an_impossible_offset_or_another_shape_saying_why()
    {
        Assert.False(TimeTextReader.TryParseWco304("20250704101530+19", out _, out string? offsetError));
        Assert.Equal("'20250704101530+19' has an impossible offset", offsetError);

        Assert.False(TimeTextReader.IsWco304("20250704101530"));
        Assert.False(TimeTextReader.TryParseWco304("20250704101530", out _, out string? shapeError));
        Assert.Equal("'20250704101530' is not a formatCode 304 time (yyyyMMddHHmmssZ or yyyyMMddHHmmss±hh)", shapeError);

        Assert.False(TimeTextReader.TryParseWco304("20250230101530Z", out _, out _)); // 30 February
    }

    [Fact]
    public void Wco_204_is_the_offices_local_time()
    {
        Assert.True(TimeTextReader.TryParseWco204("20250704101530", out LocalDateTime value));
        Assert.Equal(new LocalDateTime(2025, 7, 4, 10, 15, 30), value);
        Assert.False(TimeTextReader.TryParseWco204("20250704101530Z", out _));
        Assert.False(TimeTextReader.TryParseWco204("2025-07-04 10:15:30", out _));
    }

    [Theory]
    [InlineData("2025-07-04", true, 2025, 7, 4)]
    [InlineData(" 2024-02-29 ", true, 2024, 2, 29)]
    [InlineData("2025-02-29", false, 0, 0, 0)]
    [InlineData("04/07/2025", false, 0, 0, 0)]
    public void Dates_read_as_iso_dates(string text, bool valid, int y, int mo, int d)
    {
        Assert.Equal(valid, TimeTextReader.TryParseDate(text, out LocalDate value));
        if (valid)
        {
            Assert.Equal(new LocalDate(y, mo, d), value);
        }
    }

    [Fact]
    public void What_it_writes_it_reads_back_exactly()
    {
        var local = new LocalDateTime(2025, 7, 4, 10, 15, 30, 250);
        string localText = TimeTextReader.LocalText.Format(local);
        Assert.Equal("2025-07-04 10:15:30.25", localText);
        Assert.True(TimeTextReader.TryParse(localText, out LocalDateTime back));
        Assert.Equal(local, back);

        OffsetDateTime exact = local.WithOffset(Offset.FromHours(-4));
        string offsetText = TimeTextReader.OffsetText.Format(exact);
        Assert.Equal("2025-07-04T10:15:30.25-04:00", offsetText);
        Assert.True(TimeTextReader.TryParseOffset(offsetText, out OffsetDateTime exactBack));
        Assert.Equal(exact, exactBack);

        Assert.Equal("2025-07-04", IsoLocalText.Format(new LocalDate(2025, 7, 4)));
        Assert.Equal("0999-01-02", IsoLocalText.Format(new LocalDate(999, 1, 2)));
    }
}
