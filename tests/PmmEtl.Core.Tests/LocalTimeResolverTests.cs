using NodaTime;
using PmmEtl.Core.Time;

namespace PmmEtl.Core.Tests;

/// <summary>Expected instants worked out by hand from the 2025 US rules: EST = UTC−5, EDT = UTC−4.</summary>
public sealed class LocalTimeResolverTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void An_ordinary_local_time_maps_to_its_one_instant()
    {
        var resolver = new LocalTimeResolver(DstPolicy.Default);
        Resolution r = resolver.Resolve(new LocalDateTime(2025, 1, 10, 8, 0), NewYork);
        Assert.Equal(Instant.FromUtc(2025, 1, 10, 13, 0), r.Instant);
        Assert.Equal(new DstResolutionCounts(0, 0, 0), resolver.Counts);
    }

    [Theory]
    [InlineData(SkippedTimePolicy.ShiftForward, 7, 30)] // 02:30 in the 02:00–03:00 gap → 03:30 EDT
    [InlineData(SkippedTimePolicy.EndOfGap, 7, 0)]      // → 03:00 EDT, the first instant after the gap
    public void A_time_in_the_spring_gap_follows_the_skipped_policy(SkippedTimePolicy policy, int utcHour, int utcMinute)
    {
        var resolver = new LocalTimeResolver(new DstPolicy(AmbiguousTimePolicy.Earlier, policy));
        Resolution r = resolver.Resolve(new LocalDateTime(2025, 3, 9, 2, 30), NewYork);
        Assert.Equal(Instant.FromUtc(2025, 3, 9, utcHour, utcMinute), r.Instant);
        Assert.Equal(ResolutionKind.Skipped, r.Kind);
        Assert.Equal(new DstResolutionCounts(0, 1, 0), resolver.Counts);
    }

    [Theory]
    [InlineData(AmbiguousTimePolicy.Earlier, 5)] // 01:30 EDT
    [InlineData(AmbiguousTimePolicy.Later, 6)]   // 01:30 EST
    public void A_time_in_the_autumn_fold_follows_the_ambiguous_policy(AmbiguousTimePolicy policy, int utcHour)
    {
        var resolver = new LocalTimeResolver(new DstPolicy(policy, SkippedTimePolicy.ShiftForward));
        Resolution r = resolver.Resolve(new LocalDateTime(2025, 11, 2, 1, 30), NewYork);
        Assert.Equal(Instant.FromUtc(2025, 11, 2, utcHour, 30), r.Instant);
        Assert.Equal(new DstResolutionCounts(1, 0, 0), resolver.Counts);
    }

    [Fact]
    public void The_strict_policy_refuses_gap_and_fold_and_counts_both()
    {
        var resolver = new LocalTimeResolver(DstPolicy.Strict);
        Assert.True(resolver.Resolve(new LocalDateTime(2025, 3, 9, 2, 30), NewYork).Rejected);
        Assert.True(resolver.Resolve(new LocalDateTime(2025, 11, 2, 1, 30), NewYork).Rejected);
        Assert.False(resolver.Resolve(new LocalDateTime(2025, 11, 2, 2, 30), NewYork).Rejected);
        Assert.Equal(new DstResolutionCounts(1, 1, 2), resolver.Counts);
    }

    [Fact]
    public void The_policy_has_a_stable_text_form_for_manifests() =>
        Assert.Equal("ambiguous=earlier;skipped=shift_forward", DstPolicy.Default.ToString());
}
