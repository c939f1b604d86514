using NodaTime;

namespace PmmEtl.Core.Time;

/// <summary>
/// The dates and instants a pipeline accepts (by default 1900-01-01 to 2199-12-31, configurable as
/// <c>valid_range</c>). A value outside is a typing error (year 0001, 9999) and refuses its record, naming the field;
/// everything inside can be stored, measured and written by every engine and every writer (Parquet, workbook, report),
/// so one bad row never stops a run or a publication.
/// </summary>
public sealed record ValidRange(LocalDate From, LocalDate To)
{
    public static ValidRange Default { get; } = new(new LocalDate(1900, 1, 1), new LocalDate(2199, 12, 31));

    public bool Contains(LocalDate date) => date >= From && date <= To;

    /// <summary>A local time's date in range; checked before it is resolved in a zone, which overflows near the year 10000.</summary>
    public bool Contains(LocalDateTime local) => Contains(local.Date);

    /// <summary>An instant whose UTC date is in range.</summary>
    public bool Contains(Instant instant) => Contains(instant.InUtc().Date);

    /// <summary>An offset date-time in range, checked on its own date before it is turned into an instant (which could overflow).</summary>
    public bool Contains(OffsetDateTime value) => Contains(value.Date) && Contains(value.ToInstant());

    public string Describe() => $"{From:uuuu'-'MM'-'dd} to {To:uuuu'-'MM'-'dd}";
}
