using NodaTime;

namespace PmmEtl.Core.Time;

/// <summary>What <see cref="IsoLocalText"/> found in a piece of text.</summary>
public enum IsoLocalShape
{
    /// <summary>Not the fixed-width shape: a general parser must decide.</summary>
    Other,

    /// <summary>The shape, and a real date and time.</summary>
    Valid,

    /// <summary>The shape, but no such date or time (month 13, 31 April, 24:00, year 0000).</summary>
    Invalid,
}

/// <summary>
/// The fixed-width shapes nearly every export writes, <c>yyyy-MM-dd HH:mm:ss</c> (or with <c>T</c>) and
/// <c>yyyy-MM-dd</c>, read straight from characters: NodaTime's pattern engine is general and about ten times
/// slower, and a load reads several of these a row. Text of another shape is left to the general parser. Because
/// every part has a fixed number of digits, <see cref="Format"/> gives back exactly the text a valid value was read
/// from, so a source can keep the value instead of the text and still quote the text when a row is refused.
/// </summary>
public static class IsoLocalText
{
    public const int DateTimeLength = 19;
    public const int DateLength = 10;

    /// <summary>Reads <c>yyyy-MM-dd HH:mm:ss</c> or <c>yyyy-MM-ddTHH:mm:ss</c> (no surrounding blanks, ASCII digits only).</summary>
    public static IsoLocalShape ParseDateTime(ReadOnlySpan<char> s, out LocalDateTime value, out char separator)
    {
        value = default;
        separator = s.Length == DateTimeLength ? s[10] : '\0';
        if ((separator != ' ' && separator != 'T') || s[13] != ':' || s[16] != ':'
            || !TryDate(s, out int y, out int mo, out int d, out bool dateValid)
            || !TryTwoDigits(s, 11, out int h) || !TryTwoDigits(s, 14, out int mi) || !TryTwoDigits(s, 17, out int sec))
        {
            return IsoLocalShape.Other;
        }

        if (!dateValid || h >= 24 || mi >= 60 || sec >= 60)
        {
            return IsoLocalShape.Invalid;
        }

        value = new LocalDateTime(y, mo, d, h, mi, sec);
        return IsoLocalShape.Valid;
    }

    /// <summary>Reads <c>yyyy-MM-dd</c> (no surrounding blanks, ASCII digits only).</summary>
    public static IsoLocalShape ParseDate(ReadOnlySpan<char> s, out LocalDate value)
    {
        value = default;
        if (s.Length != DateLength || !TryDate(s, out int y, out int mo, out int d, out bool valid))
        {
            return IsoLocalShape.Other;
        }

        if (!valid)
        {
            return IsoLocalShape.Invalid;
        }

        value = new LocalDate(y, mo, d);
        return IsoLocalShape.Valid;
    }

    /// <summary>
    /// True when <see cref="Format"/> gives the exact text <paramref name="value"/> would be read from: an ISO
    /// date-time of years 1–9999 in whole seconds.
    /// </summary>
    public static bool IsWritable(LocalDateTime value) =>
        value.Calendar == CalendarSystem.Iso && value.Year is >= 1 and <= 9999 && value.NanosecondOfSecond == 0;

    /// <summary>The fixed-width text of a value for which <see cref="IsWritable"/> holds.</summary>
    public static string Format(LocalDateTime value, char separator)
    {
        if (!IsWritable(value) || (separator != ' ' && separator != 'T'))
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{value:uuuu'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFFF} with separator '{separator}' has no fixed-width form");
        }

        return string.Create(DateTimeLength, (value, separator), static (chars, state) =>
        {
            (LocalDateTime v, char sep) = state;
            Write(chars, 0, v.Year, 4);
            chars[4] = '-';
            Write(chars, 5, v.Month, 2);
            chars[7] = '-';
            Write(chars, 8, v.Day, 2);
            chars[10] = sep;
            Write(chars, 11, v.Hour, 2);
            chars[13] = ':';
            Write(chars, 14, v.Minute, 2);
            chars[16] = ':';
            Write(chars, 17, v.Second, 2);
        });
    }

    /// <summary>The fixed-width text <c>yyyy-MM-dd</c> of a date of years 1–9999.</summary>
    public static string Format(LocalDate value)
    {
        if (value.Calendar != CalendarSystem.Iso || value.Year is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{value:uuuu'-'MM'-'dd} has no fixed-width form");
        }

        return string.Create(DateLength, value, static (chars, v) =>
        {
            Write(chars, 0, v.Year, 4);
            chars[4] = '-';
            Write(chars, 5, v.Month, 2);
            chars[7] = '-';
            Write(chars, 8, v.Day, 2);
        });
    }

    /// <summary>
    /// The date part <c>yyyy-MM-dd</c> at the start of <paramref name="s"/>: false when it is not that shape; then
    /// <paramref name="valid"/> says whether it names a real day (years 1–9999).
    /// </summary>
    private static bool TryDate(ReadOnlySpan<char> s, out int y, out int mo, out int d, out bool valid)
    {
        valid = false;
        mo = d = 0;
        if (s[4] != '-' || s[7] != '-' || !TryTwoDigits(s, 0, out int century) || !TryTwoDigits(s, 2, out int yy)
            || !TryTwoDigits(s, 5, out mo) || !TryTwoDigits(s, 8, out d))
        {
            y = 0;
            return false;
        }

        y = century * 100 + yy;
        valid = y >= 1 && mo is >= 1 and <= 12 && d >= 1 && d <= CalendarSystem.Iso.GetDaysInMonth(y, mo);
        return true;
    }

    private static bool TryTwoDigits(ReadOnlySpan<char> s, int at, out int value)
    {
        uint tens = (uint)(s[at] - '0');
        uint ones = (uint)(s[at + 1] - '0');
        value = (int)(tens * 10 + ones);
        return tens <= 9 && ones <= 9;
    }

    private static void Write(Span<char> chars, int at, int value, int digits)
    {
        for (int i = at + digits - 1; i >= at; i--)
        {
            chars[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
