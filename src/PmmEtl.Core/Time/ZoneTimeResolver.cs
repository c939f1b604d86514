using NodaTime;
using NodaTime.TimeZones;

namespace PmmEtl.Core.Time;

/// <summary>
/// The run's <see cref="LocalTimeResolver"/> bound to one office zone, remembering the last few stretches of local
/// time, between two offset changes, in which every local time maps to a single instant at a single offset. Nearly
/// every time of a load falls in one (a year has three per DST zone, each months long), and is then resolved by
/// subtracting the offset, without asking tzdb and without the mapping object tzdb allocates. Any other time goes to
/// the run's resolver, which applies the DST policy and counts it exactly as before.
/// </summary>
public sealed class ZoneTimeResolver
{
    /// <summary>Enough for a few years of data in any order; searched most recent first.</summary>
    private const int MaxStretches = 8;

    private readonly LocalTimeResolver _resolver;

    /// <summary>Immutable and replaced whole, so a reader on another thread never sees half of it.</summary>
    private UniqueStretch[] _stretches = [];

    internal ZoneTimeResolver(LocalTimeResolver resolver, DateTimeZone zone)
    {
        _resolver = resolver;
        Zone = zone;
    }

    public DateTimeZone Zone { get; }

    public Resolution Resolve(LocalDateTime local)
    {
        bool countable = HasLocalTicks(local);
        if (countable)
        {
            long ticks = LocalTicks(local);
            foreach (UniqueStretch stretch in _stretches)
            {
                if (stretch.Contains(ticks))
                {
                    return new Resolution(stretch.ToInstant(ticks, local), ResolutionKind.Unique);
                }
            }
        }

        Resolution resolution = _resolver.Resolve(local, Zone);
        if (resolution is { Kind: ResolutionKind.Unique, Instant: { } resolved } && countable
            && UniqueStretch.Around(Zone, resolved) is { } found)
        {
            UniqueStretch[] stretches = _stretches;
            _stretches = [found, .. stretches.AsSpan(0, Math.Min(stretches.Length, MaxStretches - 1))];
        }

        return resolution;
    }

    /// <summary>Only ISO dates of years 1–9999 have a tick count here (what <see cref="DateOnly"/> holds); others take the slow path.</summary>
    private static bool HasLocalTicks(LocalDateTime local) => local.Calendar == CalendarSystem.Iso && local.Year >= 1;

    /// <summary>
    /// Whole ticks since 1970-01-01T00:00 of the local time, read as if it were UTC: increasing with the local time
    /// (the part of a tick below 100 ns is dropped, which <see cref="UniqueStretch"/> allows for).
    /// </summary>
    private static long LocalTicks(LocalDateTime local) =>
        (new DateOnly(local.Year, local.Month, local.Day).DayNumber - UnixEpochDayNumber) * TimeSpan.TicksPerDay + local.TickOfDay;

    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>
    /// Local times, in local ticks [<c>from</c>, <c>to</c>), that all map to exactly one instant, at one offset. For a
    /// zone interval [start, end) at offset o, a local time L can only map to an instant in [L − max offset, L − min
    /// offset] (the zone's extreme offsets over all time); when that whole window lies inside the interval, L maps to
    /// L − o and to nothing else. So the stretch is [start + max offset, end + min offset) in local time. The bounds
    /// are rounded inwards to whole ticks and a local time is rounded down, so a time near a bound can only fall
    /// outside (the slow, exact path), never inside wrongly.
    /// </summary>
    private sealed class UniqueStretch
    {
        private readonly long _from;
        private readonly long _to;
        private readonly long _offsetTicks;

        private UniqueStretch(long from, long to, long offsetTicks)
        {
            _from = from;
            _to = to;
            _offsetTicks = offsetTicks;
        }

        /// <summary>The stretch of the zone interval holding <paramref name="instant"/>; null when it has none.</summary>
        public static UniqueStretch? Around(DateTimeZone zone, Instant instant)
        {
            ZoneInterval interval = zone.GetZoneInterval(instant);
            long from = interval.HasStart ? CeilingTicks(interval.Start, zone.MaxOffset) : long.MinValue;
            long to = interval.HasEnd ? FloorTicks(interval.End, zone.MinOffset) : long.MaxValue;
            return from < to ? new UniqueStretch(from, to, interval.WallOffset.Ticks) : null;
        }

        public bool Contains(long localTicks) => localTicks >= _from && localTicks < _to;

        public Instant ToInstant(long localTicks, LocalDateTime local)
        {
            Instant instant = Instant.FromUnixTimeTicks(localTicks - _offsetTicks);
            long belowTick = local.NanosecondOfSecond % 100;
            return belowTick == 0 ? instant : instant.PlusNanoseconds(belowTick);
        }

        private static long CeilingTicks(Instant instant, Offset offset)
        {
            Instant local = instant + Duration.FromTicks(offset.Ticks);
            long ticks = local.ToUnixTimeTicks();
            return Instant.FromUnixTimeTicks(ticks) < local ? ticks + 1 : ticks;
        }

        private static long FloorTicks(Instant instant, Offset offset) => (instant + Duration.FromTicks(offset.Ticks)).ToUnixTimeTicks();
    }
}
