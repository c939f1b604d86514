using NodaTime;
using NodaTime.TimeZones;

namespace PmmEtl.Core.Time;

/// <summary>How a local time was turned into an instant.</summary>
public enum ResolutionKind
{
    Unique,
    Ambiguous,
    Skipped,
}

/// <summary>The outcome of resolving one local time: an instant, or a refusal under the strict policy.</summary>
public readonly record struct Resolution(Instant? Instant, ResolutionKind Kind)
{
    public bool Rejected => Instant is null;
}

/// <summary>
/// Maps an office's local wall-clock time to an <see cref="Instant"/> through one <see cref="DstPolicy"/>,
/// and counts how often each DST case occurred. One resolver serves one run, so the counts are the run's.
/// </summary>
public sealed class LocalTimeResolver
{
    private readonly DstPolicy _policy;
    private long _ambiguous;
    private long _skipped;
    private long _rejected;

    public LocalTimeResolver(DstPolicy policy) => _policy = policy;

    public DstPolicy Policy => _policy;

    public DstResolutionCounts Counts => new(Interlocked.Read(ref _ambiguous), Interlocked.Read(ref _skipped), Interlocked.Read(ref _rejected));

    /// <summary>This resolver bound to one zone, remembering where that zone needs no DST rule (its counts stay this resolver's).</summary>
    public ZoneTimeResolver For(DateTimeZone zone) => new(this, zone);

    public Resolution Resolve(LocalDateTime local, DateTimeZone zone)
    {
        ZoneLocalMapping mapping = zone.MapLocal(local);
        switch (mapping.Count)
        {
            case 1:
                return new Resolution(mapping.Single().ToInstant(), ResolutionKind.Unique);
            case 2:
                Interlocked.Increment(ref _ambiguous);
                return _policy.Ambiguous switch
                {
                    AmbiguousTimePolicy.Earlier => new Resolution(mapping.First().ToInstant(), ResolutionKind.Ambiguous),
                    AmbiguousTimePolicy.Later => new Resolution(mapping.Last().ToInstant(), ResolutionKind.Ambiguous),
                    AmbiguousTimePolicy.Reject => Reject(ResolutionKind.Ambiguous),
                    var other => throw new ArgumentOutOfRangeException(nameof(_policy), other, "not an ambiguous-time policy"),
                };
            default:
                Interlocked.Increment(ref _skipped);
                return _policy.Skipped switch
                {
                    // The gap's length is the offset change; shifting by it keeps the distance to the gap's start.
                    SkippedTimePolicy.ShiftForward => new Resolution(
                        Resolvers.ReturnForwardShifted(local, zone, mapping.EarlyInterval, mapping.LateInterval).ToInstant(),
                        ResolutionKind.Skipped),
                    SkippedTimePolicy.EndOfGap => new Resolution(mapping.LateInterval.Start, ResolutionKind.Skipped),
                    SkippedTimePolicy.Reject => Reject(ResolutionKind.Skipped),
                    var other => throw new ArgumentOutOfRangeException(nameof(_policy), other, "not a skipped-time policy"),
                };
        }
    }

    private Resolution Reject(ResolutionKind kind)
    {
        Interlocked.Increment(ref _rejected);
        return new Resolution(null, kind);
    }
}

/// <summary>How many local times of a run fell in a DST fold or gap, and how many the policy refused.</summary>
public readonly record struct DstResolutionCounts(long Ambiguous, long Skipped, long Rejected);
