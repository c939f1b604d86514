using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace PmmEtl.Normalise;

/// <summary>
/// Parses the local wall-clock text that customs systems store (no offset). Accepts ISO dates with a space
/// or 'T' between date and time, with or without seconds and fractions. Text that carries an offset is not a
/// local time: <see cref="TryParseInstant"/> reads it as the exact instant it names.
/// </summary>
public static class LocalTimeParser
{
    private static readonly LocalDateTimePattern[] Patterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss.FFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    public static bool TryParse(string text, out LocalDateTime value)
    {
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        // Fast path for the common "yyyy-MM-dd HH:mm:ss" shape: NodaTime's pattern engine is general and slower.
        if (s.Length == 19 && (s[10] == ' ' || s[10] == 'T') && s[4] == '-' && s[7] == '-' && s[13] == ':' && s[16] == ':'
            && TryDigits(s[..4], out int y) && TryDigits(s.Slice(5, 2), out int mo) && TryDigits(s.Slice(8, 2), out int d)
            && TryDigits(s.Slice(11, 2), out int h) && TryDigits(s.Slice(14, 2), out int mi) && TryDigits(s.Slice(17, 2), out int sec))
        {
            if (mo is >= 1 and <= 12 && d >= 1 && d <= CalendarSystem.Iso.GetDaysInMonth(y, mo) && h < 24 && mi < 60 && sec < 60 && y >= 1)
            {
                value = new LocalDateTime(y, mo, d, h, mi, sec);
                return true;
            }

            value = default;
            return false;
        }

        string trimmed = s.ToString();
        foreach (LocalDateTimePattern pattern in Patterns)
        {
            ParseResult<LocalDateTime> result = pattern.Parse(trimmed);
            if (result.Success)
            {
                value = result.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss;FFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    /// <summary>
    /// Reads a time that carries its own UTC offset (<c>2025-07-04T10:15:30+02:00</c>, <c>…Z</c>), as exports and
    /// WCO Data Model messages give them. Such a time is an exact instant: no zone, no DST policy applies.
    /// </summary>
    public static bool TryParseInstant(string text, out Instant value)
    {
        string trimmed = text.Trim();
        foreach (OffsetDateTimePattern pattern in OffsetPatterns)
        {
            ParseResult<OffsetDateTime> result = pattern.Parse(trimmed);
            if (result.Success)
            {
                value = result.Value.ToInstant();
                return true;
            }
        }

        value = default;
        return false;
    }

    public static bool TryParseDate(string text, out LocalDate value)
    {
        ParseResult<LocalDate> result = LocalDatePattern.Iso.Parse(text.Trim());
        value = result.Success ? result.Value : default;
        return result.Success;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
