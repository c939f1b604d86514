using NodaTime;
using NodaTime.Text;

namespace PmmEtl.Core.Pipelines;

/// <summary>
/// A range of local business dates, start inclusive, end exclusive. Each office's declarations are
/// selected by their own local date, so a window is a set of office × date partitions. Null bounds mean open.
/// </summary>
public sealed record ExtractWindow(LocalDate? From, LocalDate? To)
{
    public static ExtractWindow Everything { get; } = new(null, null);

    public bool IsFull => From is null && To is null;

    /// <summary>The lower bound as the ISO text that source queries compare against.</summary>
    public string FromText => From is { } d ? LocalDatePattern.Iso.Format(d) : "0001-01-01";

    public string ToText => To is { } d ? LocalDatePattern.Iso.Format(d) : "9999-12-31";

    public bool Contains(LocalDate date) => (From is null || date >= From) && (To is null || date < To);

    public override string ToString() => IsFull ? "all dates" : $"[{FromText}, {ToText})";

    /// <summary>The window a scheduled run loads: the last <paramref name="lookbackDays"/> local dates before today.</summary>
    public static ExtractWindow Nightly(Instant now, DateTimeZone zone, int lookbackDays)
    {
        LocalDate today = now.InZone(zone).Date;
        return new ExtractWindow(today.PlusDays(-lookbackDays), today);
    }
}
