using NodaTime;

namespace PmmEtl.DemoSource.Storage;

/// <summary>
/// The source's text formats, 'yyyy-MM-dd HH:mm:ss' and 'yyyy-MM-dd'. Hand-written because a million
/// pattern-based formats would be a large part of the generation time. Years have four digits (validated).
/// </summary>
internal static class LocalTimeText
{
    public static string Format(LocalDateTime t) => string.Create(19, t, static (span, t) =>
    {
        WriteDate(span, t.Year, t.Month, t.Day);
        span[10] = ' ';
        Write2(span[11..], t.Hour);
        span[13] = ':';
        Write2(span[14..], t.Minute);
        span[16] = ':';
        Write2(span[17..], t.Second);
    });

    public static string Format(LocalDate d) => string.Create(10, d, static (span, d) => WriteDate(span, d.Year, d.Month, d.Day));

    private static void WriteDate(Span<char> span, int year, int month, int day)
    {
        Write2(span, year / 100);
        Write2(span[2..], year % 100);
        span[4] = '-';
        Write2(span[5..], month);
        span[7] = '-';
        Write2(span[8..], day);
    }

    private static void Write2(Span<char> span, int value)
    {
        span[0] = (char)('0' + (value / 10));
        span[1] = (char)('0' + (value % 10));
    }
}
