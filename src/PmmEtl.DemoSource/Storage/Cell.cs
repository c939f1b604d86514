namespace PmmEtl.DemoSource.Storage;

internal enum CellKind : byte
{
    Null,
    Text,
    Integer,
    Real,
    /// <summary>A calendar date, packed as yyyyMMdd in <see cref="Cell.Integer"/>, written as 'yyyy-MM-dd' text.</summary>
    Date,
    /// <summary>A wall-clock time, packed as yyyyMMddHHmmss in <see cref="Cell.Integer"/>, written as 'yyyy-MM-dd HH:mm:ss' text.</summary>
    LocalTime,
}

/// <summary>One value of a row to insert, typed so that binding it needs no boxing.</summary>
internal readonly record struct Cell(CellKind Kind, string? Text, long Integer, double Real)
{
    public static Cell Null => default;

    public static Cell Of(string? text) => text is null ? default : new(CellKind.Text, text, 0, 0);

    public static Cell Of(long value) => new(CellKind.Integer, null, value, 0);

    public static Cell Of(double value) => new(CellKind.Real, null, 0, value);

    /// <summary>Dates and times stay numbers until they are bound: a million time strings would be a large part of the run.</summary>
    public static Cell Of(NodaTime.LocalDate d) => new(CellKind.Date, null, (((d.Year * 100L) + d.Month) * 100) + d.Day, 0);

    public static Cell Of(NodaTime.LocalDateTime t) =>
        new(CellKind.LocalTime, null, (((((((((t.Year * 100L) + t.Month) * 100) + t.Day) * 100) + t.Hour) * 100) + t.Minute) * 100) + t.Second, 0);

    public override string ToString() => Kind switch
    {
        CellKind.Null => "NULL",
        CellKind.Text => Text!,
        CellKind.Integer => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CellKind.Real => Real.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => new string(Format(stackalloc char[19])),
    };

    /// <summary>The text of a <see cref="CellKind.Date"/> or <see cref="CellKind.LocalTime"/> cell, written into <paramref name="buffer"/> (19 chars).</summary>
    public ReadOnlySpan<char> Format(Span<char> buffer)
    {
        long packed = Integer;
        if (Kind == CellKind.LocalTime)
        {
            Write2(buffer[17..], (int)(packed % 100));
            Write2(buffer[14..], (int)(packed / 100 % 100));
            Write2(buffer[11..], (int)(packed / 10_000 % 100));
            buffer[10] = ' ';
            buffer[13] = ':';
            buffer[16] = ':';
            packed /= 1_000_000;
        }

        Write2(buffer[8..], (int)(packed % 100));
        Write2(buffer[5..], (int)(packed / 100 % 100));
        int year = (int)(packed / 10_000);
        Write2(buffer, year / 100);
        Write2(buffer[2..], year % 100);
        buffer[4] = '-';
        buffer[7] = '-';
        return buffer[..(Kind == CellKind.LocalTime ? 19 : 10)];
    }

    private static void Write2(Span<char> span, int value)
    {
        span[0] = (char)('0' + (value / 10));
        span[1] = (char)('0' + (value % 10));
    }
}
