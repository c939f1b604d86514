using NodaTime;

namespace PmmEtl.Core.Time;

/// <summary>
/// The run's <see cref="LocalTimeResolver"/> bound to one office zone, with a memory of the stretch of local times
/// around the last one resolved that map to a single instant at a single offset. Nearly every time of a load falls in
/// such a stretch (they last months, between two DST changes), so it is resolved by subtracting the offset, without
/// asking tzdb and without the mapping object tzdb allocates; any other time goes to the run's resolver, which
/// applies the DST policy and counts it exactly as before.
/// </summary>
public sealed class ZoneTimeResolver
{
    private readonly LocalTimeResolver _resolver;

    /// <summary>Immutable and replaced whole, so a reader on another thread never sees half of one.</summary>
    private UniqueStretch? _stretch;

    internal ZoneTimeResolver(LocalTimeResolver resolver, DateTimeZone zone)
    {
        _resolver = resolver;
        Zone = zone;
    }

    public DateTimeZone Zone { get; }

    public LocalTimeResolver Resolver => _resolver;

    public Resolution Resolve(LocalDateTime local)
    {
        UniqueStretch? stretch = _stretch;
        if (stretch is not null && stretch.TryResolve(local, out Instant instant))
        {
            return new Resolution(instant, ResolutionKind.Unique);
        }

        Resolution resolution = _resolver.Resolve(local, Zone);
        if (resolution is { Kind: ResolutionKind.Unique, Instant: { } resolved })
        {
            _stretch = UniqueStretch.Around(Zone, resolved) ?? stretch;
        }

        return resolution;
    }

    /// <summary>
    /// Local times [<c>From</c>, <c>To</c>) that all map to exactly one instant, at <c>Offset</c>. For a zone
    /// interval [start, end) at offset o, a local time L can only map to an instant in [L − max offset, L − min offset)
    /// (the zone's extreme offsets); when that whole window lies inside the interval, L maps to the interval's
    /// instant L − o and to no other. So the stretch is [start + max offset, end + min offset), in local time.
    /// </summary>
    private sealed class UniqueStretch
    {
        private readonly LocalDateTime _from;
        private readonly LocalDateTime _to;
        private readonly bool _fromOpen;
        private readonly bool _toOpen;
        private readonly Offset _offset;

        private UniqueStretch(LocalDateTime from, bool fromOpen, LocalDateTime to, bool toOpen, Offset offset)
        {
            _from = from;
            _fromOpen = fromOpen;
            _to = to;
            _toOpen = toOpen;
            _offset = offset;
        }

        /// <summary>The stretch of the zone interval holding <paramref name="instant"/>; null when it is too short to have one.</summary>
        public static UniqueStretch? Around(DateTimeZone zone, Instant instant)
        {
            NodaTime.TimeZones.ZoneInterval interval = zone.GetZoneInterval(instant);
            LocalDateTime? from = interval.HasStart ? Local(interval.Start, zone.MaxOffset) : null;
            LocalDateTime? to = interval.HasEnd ? Local(interval.End, zone.MinOffset) : null;
            if (from is { } f && to is { } t && f >= t)
            {
                return null;
            }

            return new UniqueStretch(from ?? default, from is null, to ?? default, to is null, interval.WallOffset);
        }

        public bool TryResolve(LocalDateTime local, out Instant instant)
        {
            // Only ISO values are compared (LocalDateTime refuses to compare across calendars); others take the slow path.
            if (local.Calendar == CalendarSystem.Iso && (_fromOpen || local >= _from) && (_toOpen || local < _to))
            {
                instant = new OffsetDateTime(local, _offset).ToInstant();
                return true;
            }

            instant = default;
            return false;
        }

        /// <summary>
        /// The local time of an instant at an offset; null beyond the range NodaTime can represent, where there is no
        /// local time to compare with, so that end of the stretch is open.
        /// </summary>
        private static LocalDateTime? Local(Instant instant, Offset offset)
        {
            try
            {
                return instant.WithOffset(offset).LocalDateTime;
            }
            catch (OverflowException)
            {
                return null;
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }
    }
}
