using NodaTime;
using NodaTime.TimeZones;
using PmmEtl.Core.Time;

namespace PmmEtl.Core.Tests;

/// <summary>
/// The zone-bound resolver remembers stretches without DST changes; it must give what the run's resolver gives for
/// every local time (instant, kind, refusal) and leave the same counts. Hand-worked cases first, then every tzdb zone.
/// </summary>
public sealed class ZoneTimeResolverTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void A_remembered_summer_stretch_resolves_later_summer_times_and_does_not_swallow_the_autumn_fold()
    {
        var run = new LocalTimeResolver(DstPolicy.Default);
        ZoneTimeResolver zone = run.For(NewYork);

        // EDT = UTC−4 from 9 March to 2 November 2025; EST = UTC−5 after.
        Assert.Equal(new Resolution(Instant.FromUtc(2025, 6, 2, 18, 20), ResolutionKind.Unique), zone.Resolve(new LocalDateTime(2025, 6, 2, 14, 20)));
        Assert.Equal(new Resolution(Instant.FromUtc(2025, 10, 31, 13, 0), ResolutionKind.Unique), zone.Resolve(new LocalDateTime(2025, 10, 31, 9, 0)));
        // 01:30 on 2 November happens twice; the default policy takes the earlier, EDT: 05:30 UTC.
        Assert.Equal(new Resolution(Instant.FromUtc(2025, 11, 2, 5, 30), ResolutionKind.Ambiguous), zone.Resolve(new LocalDateTime(2025, 11, 2, 1, 30)));
        // 02:30 on 9 March does not exist; shifted forward by the hour it skips: 03:30 EDT = 07:30 UTC.
        Assert.Equal(new Resolution(Instant.FromUtc(2025, 3, 9, 7, 30), ResolutionKind.Skipped), zone.Resolve(new LocalDateTime(2025, 3, 9, 2, 30)));
        Assert.Equal(new Resolution(Instant.FromUtc(2025, 12, 1, 13, 0), ResolutionKind.Unique), zone.Resolve(new LocalDateTime(2025, 12, 1, 8, 0)));
        Assert.Equal(new Resolution(Instant.FromUtc(2025, 6, 3, 12, 0, 30).PlusNanoseconds(123_456_789), ResolutionKind.Unique),
            zone.Resolve(new LocalDateTime(2025, 6, 3, 8, 0, 30).PlusNanoseconds(123_456_789)));
        Assert.Equal(new DstResolutionCounts(1, 1, 0), run.Counts);
    }

    [Fact]
    public void The_day_Samoa_skipped_is_a_gap_of_a_whole_day_even_after_the_days_around_it_were_remembered()
    {
        // Pacific/Apia went from UTC−10 (summer time) straight to UTC+14 at the end of 29 December 2011: 30 December never happened there.
        var run = new LocalTimeResolver(DstPolicy.Default);
        ZoneTimeResolver zone = run.For(DateTimeZoneProviders.Tzdb["Pacific/Apia"]);
        Assert.Equal(Instant.FromUtc(2011, 12, 29, 22, 0), zone.Resolve(new LocalDateTime(2011, 12, 29, 12, 0)).Instant);
        Assert.Equal(Instant.FromUtc(2011, 12, 30, 22, 0), zone.Resolve(new LocalDateTime(2011, 12, 31, 12, 0)).Instant);
        // Noon on the 30th, shifted forward by the 24-hour gap, is noon on the 31st at +14: 22:00 UTC on the 30th.
        Assert.Equal(new Resolution(Instant.FromUtc(2011, 12, 30, 22, 0), ResolutionKind.Skipped), zone.Resolve(new LocalDateTime(2011, 12, 30, 12, 0)));
        Assert.Equal(new DstResolutionCounts(0, 1, 0), run.Counts);
    }

    public static TheoryData<AmbiguousTimePolicy, SkippedTimePolicy> Policies() => new()
    {
        { AmbiguousTimePolicy.Earlier, SkippedTimePolicy.ShiftForward },
        { AmbiguousTimePolicy.Later, SkippedTimePolicy.EndOfGap },
        { AmbiguousTimePolicy.Reject, SkippedTimePolicy.Reject },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Every_local_time_around_every_transition_of_every_zone_resolves_as_the_run_resolver_does(AmbiguousTimePolicy ambiguous, SkippedTimePolicy skipped)
    {
        var policy = new DstPolicy(ambiguous, skipped);
        var plain = new LocalTimeResolver(policy);
        var run = new LocalTimeResolver(policy);
        var random = new Random(8);
        int compared = 0;
        foreach (string id in DateTimeZoneProviders.Tzdb.Ids)
        {
            DateTimeZone zone = DateTimeZoneProviders.Tzdb[id];
            ZoneTimeResolver bound = run.For(zone);
            var times = new List<LocalDateTime>();
            ZoneInterval? previous = null;
            foreach (ZoneInterval interval in zone.GetZoneIntervals(Instant.FromUtc(2000, 1, 1, 0, 0), Instant.FromUtc(2030, 12, 31, 0, 0)))
            {
                if (previous is not null)
                {
                    // Wall clock at the change, before it; then a day and a bit either side, every two hours, and the minutes at the edges.
                    LocalDateTime at = interval.Start.WithOffset(previous.WallOffset).LocalDateTime;
                    for (int minutes = -26 * 60; minutes <= 26 * 60; minutes += 120)
                    {
                        times.Add(at.PlusMinutes(minutes));
                    }

                    foreach (int minutes in (int[])[-1, 1, 29, 31, 59, 61])
                    {
                        times.Add(at.PlusMinutes(minutes));
                    }

                    times.Add(at.PlusTicks(-1));
                    times.Add(at.PlusNanoseconds(-1));
                    times.Add(at.PlusSeconds(30).PlusNanoseconds(1));
                }

                previous = interval;
            }

            // In a shuffled order too, so remembered stretches are hit, missed and replaced in every pattern.
            foreach (LocalDateTime local in times.Concat(times.OrderBy(_ => random.Next())))
            {
                Resolution expected = plain.Resolve(local, zone);
                Resolution actual = bound.Resolve(local);
                Assert.True(expected == actual, $"{id} {local:uuuu-MM-dd HH:mm:ss.FFFFFFFFF}: {actual} instead of {expected}");
                compared++;
            }
        }

        Assert.Equal(plain.Counts, run.Counts);
        Assert.True(compared > 100_000, $"only {compared} local times compared");
    }
}
