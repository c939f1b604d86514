using NodaTime;
using NodaTime.Text;
using PmmEtl.Core.Time;

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
        // Text of that shape that names no real time is refused here, as it always was, without trying the patterns.
        switch (IsoLocalText.ParseDateTime(s, out value, out _))
        {
            case IsoLocalShape.Valid:
                return true;
            case IsoLocalShape.Invalid:
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
    /// WCO Data Model messages give them. Such a time is an exact instant: no zone, no DST policy applies. The value is
    /// returned with its offset, so the caller can check its range before turning it into an instant (which overflows
    /// near the year 10000).
    /// </summary>
    public static bool TryParseOffset(string text, out OffsetDateTime value)
    {
        string trimmed = text.Trim();
        foreach (OffsetDateTimePattern pattern in OffsetPatterns)
        {
            ParseResult<OffsetDateTime> result = pattern.Parse(trimmed);
            if (result.Success)
            {
                value = result.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static bool TryParseDate(string text, out LocalDate value)
    {
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        // Fast path for "yyyy-MM-dd"; anything else, an impossible day of that shape included, is the ISO pattern's to judge.
        if (IsoLocalText.ParseDate(s, out value) == IsoLocalShape.Valid)
        {
            return true;
        }

        ParseResult<LocalDate> result = LocalDatePattern.Iso.Parse(s.ToString());
        value = result.Success ? result.Value : default;
        return result.Success;
    }
}
