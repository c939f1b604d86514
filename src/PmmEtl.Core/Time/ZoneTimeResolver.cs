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
        foreach (UniqueStretch stretch in _stretches)
        {
            if (stretch.TryResolve(local, out Instant instant))
            {
                return new Resolution(instant, ResolutionKind.Unique);
            }
        }

        Resolution resolution = _resolver.Resolve(local, Zone);
        if (resolution is { Kind: ResolutionKind.Unique, Instant: { } resolved } && UniqueStretch.Around(Zone, resolved) is { } found)
        {
            UniqueStretch[] stretches = _stretches;
            _stretches = [found, .. stretches.AsSpan(0, Math.Min(stretches.Length, MaxStretches - 1))];
        }

        return resolution;
    }

    /// <summary>
    /// Local times that all map to exactly one instant, at one offset o. For a zone interval [start, end) at offset o,
    /// a local time L can only map to an instant in [L − max offset, L − min offset] (the zone's extreme offsets over
    /// all time); when that whole window lies inside the interval, L maps to L − o and to nothing else. So L belongs
    /// when L ≥ start + max offset and L &lt; end + min offset, that is when its instant at o, L − o, lies in
    /// [start + (max offset − o), end + (min offset − o)): one subtraction and two comparisons of instants.
    /// </summary>
    private sealed class UniqueStretch
    {
        private readonly Instant _from;
        private readonly Instant _to;
        private readonly Offset _offset;

        private UniqueStretch(Instant from, Instant to, Offset offset)
        {
            _from = from;
            _to = to;
            _offset = offset;
        }

        /// <summary>The stretch of the zone interval holding <paramref name="instant"/>; null when it has none.</summary>
        public static UniqueStretch? Around(DateTimeZone zone, Instant instant)
        {
            ZoneInterval interval = zone.GetZoneInterval(instant);
            Offset offset = interval.WallOffset;
            // In ticks: the difference of two offsets can exceed what an Offset holds (Samoa's is 24 hours).
            Instant from = interval.HasStart ? interval.Start + Duration.FromTicks(zone.MaxOffset.Ticks - offset.Ticks) : Instant.MinValue;
            Instant to = interval.HasEnd ? interval.End + Duration.FromTicks(zone.MinOffset.Ticks - offset.Ticks) : Instant.MaxValue;
            return from < to ? new UniqueStretch(from, to, offset) : null;
        }

        public bool TryResolve(LocalDateTime local, out Instant instant)
        {
            // Only ISO values: LocalDateTime converts other calendars too, but the stretch was found for ISO text.
            if (local.Calendar == CalendarSystem.Iso)
            {
                instant = new OffsetDateTime(local, _offset).ToInstant();
                return instant >= _from && instant < _to;
            }

            instant = default;
            return false;
        }
    }
}
