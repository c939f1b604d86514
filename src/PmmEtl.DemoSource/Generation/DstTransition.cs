using NodaTime;
using NodaTime.TimeZones;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// One change of a zone's wall offset. A forward change opens a gap of local times that never occur;
/// a backward change makes a fold of local times that occur twice.
/// </summary>
internal sealed record DstTransition(Instant At, Offset Before, Offset After)
{
    public bool IsGap => After > Before;

    /// <summary>How long the gap or fold lasts (one hour in the US zones).</summary>
    public Duration Length => Duration.FromSeconds(Math.Abs(After.Seconds - Before.Seconds));

    /// <summary>
    /// The local dates the skipped or repeated times fall on. Usually one date, but a change at local
    /// midnight puts the fold on the evening before, so both readings of the instant are kept.
    /// </summary>
    public bool TouchesDate(LocalDate date) => date == At.WithOffset(Before).Date || date == At.WithOffset(After).Date;

    /// <summary>The changes inside the calendar year, from the zone's tzdb rules (never hard-coded dates).</summary>
    public static IReadOnlyList<DstTransition> InYear(DateTimeZone zone, int year)
    {
        Instant start = new LocalDate(year, 1, 1).AtStartOfDayInZone(zone).ToInstant();
        Instant end = new LocalDate(year + 1, 1, 1).AtStartOfDayInZone(zone).ToInstant();
        var transitions = new List<DstTransition>();
        ZoneInterval? previous = null;
        foreach (ZoneInterval interval in zone.GetZoneIntervals(start, end))
        {
            if (previous is not null && interval.WallOffset != previous.WallOffset && interval.HasStart)
            {
                transitions.Add(new DstTransition(interval.Start, previous.WallOffset, interval.WallOffset));
            }

            previous = interval;
        }

        return transitions;
    }
}
