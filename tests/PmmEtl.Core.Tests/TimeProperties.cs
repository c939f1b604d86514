using NodaTime;
using NodaTime.TimeZones;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Normalise;
using PmmEtl.Testing;

namespace PmmEtl.Core.Tests;

/// <summary>
/// Properties of the time handling over every zone of tzdb and every transition from 2000 to 2030: each local
/// time near a transition resolves as the policy documents, a declaration's durations are never negative (the
/// row is quarantined instead), and the derived business date is the office's own local date.
/// </summary>
public sealed class TimeProperties
{
    private static IEnumerable<(DateTimeZone Zone, ZoneInterval Before, ZoneInterval After)> Transitions()
    {
        Instant from = Instant.FromUtc(2000, 1, 1, 0, 0);
        Instant to = Instant.FromUtc(2030, 12, 31, 0, 0);
        foreach (string id in DateTimeZoneProviders.Tzdb.Ids)
        {
            DateTimeZone zone = DateTimeZoneProviders.Tzdb[id];
            ZoneInterval? previous = null;
            foreach (ZoneInterval interval in zone.GetZoneIntervals(from, to))
            {
                if (previous is not null && previous.WallOffset != interval.WallOffset)
                {
                    yield return (zone, previous, interval);
                }

                previous = interval;
            }
        }
    }

    [Fact]
    public void Every_local_time_around_every_transition_resolves_as_documented()
    {
        int checkedTimes = 0;
        foreach ((DateTimeZone zone, ZoneInterval before, ZoneInterval after) in Transitions())
        {
            LocalDateTime at = after.Start.WithOffset(before.WallOffset).LocalDateTime; // wall clock just before the change
            foreach (int minutes in (int[])[-61, -30, -1, 0, 1, 15, 30, 59, 61, 90])
            {
                LocalDateTime local = at.PlusMinutes(minutes);
                var resolver = new LocalTimeResolver(DstPolicy.Default);
                Instant instant = resolver.Resolve(local, zone).Instant!.Value;
                ZoneLocalMapping mapping = zone.MapLocal(local);
                Instant expected = mapping.Count switch
                {
                    1 => mapping.Single().ToInstant(),
                    2 => mapping.First().ToInstant(),                        // ambiguous → earlier
                    _ => local.PlusTicks(mapping.LateInterval.WallOffset.Ticks - mapping.EarlyInterval.WallOffset.Ticks)
                            .InZoneStrictly(zone).ToInstant(),                  // skipped → shifted forward by the gap
                };
                Assert.True(expected == instant, $"{zone.Id} {local}: {instant} instead of {expected}");
                if (mapping.Count == 1)
                {
                    Assert.Equal(local, instant.InZone(zone).LocalDateTime);
                }

                checkedTimes++;
            }
        }

        Assert.True(checkedTimes > 100_000, $"only {checkedTimes} local times checked");
    }

    [Fact]
    public void Ordered_milestones_never_give_a_negative_duration_and_the_business_date_is_the_office_date()
    {
        var rows = 0;
        foreach ((DateTimeZone zone, ZoneInterval before, ZoneInterval after) in Transitions().Where((_, i) => i % 7 == 0))
        {
            var office = new OfficeDefinition { Code = "X", Name = "X", OfficeType = "SEAPORT", Country = "XX", Zone = zone, MainEntry = true, MainExit = true };
            var normaliser = new RecordNormaliser([office], new LocalTimeResolver(DstPolicy.Default), Rates.Usd);
            LocalDateTime at = after.Start.WithOffset(before.WallOffset).LocalDateTime;
            foreach ((int a, int r) in ((int, int)[])[(-90, -10), (-30, 30), (-10, 20), (10, 50), (30, 31), (-61, 61)])
            {
                LocalDateTime arrival = at.PlusMinutes(a);
                LocalDateTime release = at.PlusMinutes(r);
                NormaliseResult result = normaliser.Normalise(new TestDeclaration
                {
                    SourceName = "p", RowNumber = ++rows, DeclarationId = "D", DeclarationType = "IMPORT", OfficeCode = "X",
                    ModeOfTransport = "SEA", ControlChannel = "GREEN", SubmissionChannel = "EDI",
                    ArrivalLocal = Text(arrival), LodgedLocal = Text(arrival), ReleasedLocal = Text(release),
                });

                if (result.Declaration is { } d)
                {
                    Assert.True(d.ArrivalToRelease!.Value.TotalMinutes >= 0, $"{zone.Id} {arrival} → {release}: negative duration");
                    Assert.Equal(d.ArrivalAt!.Value.InZone(zone).Date, d.BusinessDate);
                }
                else
                {
                    // Only a DST fold or gap can reverse two ordered local times; the reason says so.
                    Assert.Contains("DST", result.Quarantine!.Reason, StringComparison.Ordinal);
                }
            }
        }

        Assert.True(rows > 1000);
    }

    private static string Text(LocalDateTime t) => t.ToString("uuuu-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
