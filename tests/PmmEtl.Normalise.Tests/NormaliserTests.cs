using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Normalise;
using PmmEtl.Testing;

namespace PmmEtl.Normalise.Tests;

public sealed class NormaliserTests
{
    private static readonly OfficeDefinition NewYork = new()
    {
        Code = "NYC", Name = "New York", OfficeType = "SEAPORT", Country = "US",
        Zone = DateTimeZoneProviders.Tzdb["America/New_York"], MainEntry = true, MainExit = true,
    };

    private static TestDeclaration Import(Action<TestDeclaration>? change = null)
    {
        var raw = new TestDeclaration
        {
            SourceName = "test", RowNumber = 7, DeclarationId = "D1", DeclarationType = "import", OfficeCode = "NYC",
            BusinessDate = "2025-01-10", ModeOfTransport = "SEA", ControlChannel = "GREEN", Aeo = "1", Ecommerce = "0",
            SubmissionChannel = "EDI", ArrivalLocal = "2025-01-10 08:00:00", LodgedLocal = "2025-01-10 09:00:00",
            ReleasedLocal = "2025-01-10 10:30:00",
        };
        change?.Invoke(raw);
        return raw;
    }

    private static NormaliseResult Run(TestDeclaration raw, DstPolicy? policy = null) =>
        new RecordNormaliser([NewYork], new LocalTimeResolver(policy ?? DstPolicy.Default), Rates.Usd).Normalise(raw);

    [Fact]
    public void A_good_import_gets_utc_instants_codes_and_its_release_time_split()
    {
        DeclarationView d = Run(Import()).Declaration!;
        Assert.Equal(Instant.FromUtc(2025, 1, 10, 13, 0), d.ArrivalAt);
        Assert.Equal("IMPORT", d.DeclarationType);
        Assert.Equal("IMPORT", d.Direction);
        Assert.True(d.Aeo);
        Assert.True(d.Electronic);
        Assert.False(d.PreArrival);
        Assert.Equal(new ActorSplit(150, 60, 0, 90), d.ArrivalToRelease);
        Assert.Null(d.LodgementToLoading);
    }

    [Fact]
    public void Durations_across_the_spring_change_count_real_minutes_not_wall_clock()
    {
        // 01:00 EST → 04:00 EDT is three hours on the wall clock but two hours of real time.
        DeclarationView d = Run(Import(r =>
        {
            r.BusinessDate = "2025-03-09";
            r.ArrivalLocal = "2025-03-09 01:00:00";
            r.LodgedLocal = "2025-03-09 01:10:00";
            r.ReleasedLocal = "2025-03-09 04:00:00";
        })).Declaration!;
        Assert.Equal(120, d.ArrivalToRelease!.Value.TotalMinutes);
    }

    [Fact]
    public void Without_a_registered_date_the_business_date_is_the_office_local_date_of_the_first_milestone()
    {
        // Lodged 23:30 EST on 9 January (04:30 UTC on the 10th), before the goods arrived on the 10th.
        DeclarationView d = Run(Import(r =>
        {
            r.BusinessDate = null;
            r.LodgedLocal = "2025-01-10T04:30:00Z";
            r.ArrivalLocal = "2025-01-10 08:00";
        })).Declaration!;
        Assert.Equal(new LocalDate(2025, 1, 9), d.BusinessDate);
    }

    [Fact]
    public void A_row_the_source_could_not_read_is_quarantined_with_the_source_reason()
    {
        QuarantineEntry q = Run(Import(r => { r.SourceError = "line has 3 fields, the header 22"; r.SourceErrorField = "row"; })).Quarantine!;
        Assert.Equal("row", q.Field);
        Assert.Contains("line has 3 fields", q.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lodgement_before_arrival_is_a_pre_arrival_declaration_even_unflagged()
    {
        DeclarationView d = Run(Import(r => r.LodgedLocal = "2025-01-09 20:00")).Declaration!;
        Assert.True(d.PreArrival);
    }

    [Theory]
    [InlineData("released_local", "release before arrival")]
    [InlineData("office_code", "unknown office 'XX999'")]
    [InlineData("lodged_local", "unparsable time")]
    [InlineData("lodged_local", "missing lodgement time")]
    [InlineData("control_channel", "unknown code 'PURPLE'")]
    [InlineData("aeo", "not a yes/no flag")]
    public void A_bad_row_is_quarantined_naming_source_row_and_field(string field, string reason)
    {
        TestDeclaration raw = Import(r =>
        {
            switch (reason)
            {
                case "release before arrival": r.ReleasedLocal = "2025-01-10 07:00:00"; break;
                case "unknown office 'XX999'": r.OfficeCode = "XX999"; break;
                case "unparsable time": r.LodgedLocal = "2025-02-30 10:00:00"; break;
                case "missing lodgement time": r.LodgedLocal = " "; break;
                case "unknown code 'PURPLE'": r.ControlChannel = "purple"; break;
                default: r.Aeo = "maybe"; break;
            }
        });

        NormaliseResult result = Run(raw);

        Assert.Null(result.Declaration);
        QuarantineEntry q = result.Quarantine!;
        Assert.Equal(field, q.Field);
        Assert.Contains(reason, q.Reason, StringComparison.Ordinal);
        Assert.Equal(7, q.RowNumber);
        Assert.Equal("D1", q.SourceKey);
        Assert.StartsWith("test: row 7 (D1): " + field + ": ", q.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_row_is_listed_at_once()
    {
        QuarantineEntry q = Run(Import(r => { r.ModeOfTransport = "BALLOON"; r.ReleasedLocal = "soon"; })).Quarantine!;
        Assert.Contains("mode_of_transport", q.Reason, StringComparison.Ordinal);
        Assert.Contains("released_local", q.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_the_strict_policy_a_time_in_the_gap_is_quarantined()
    {
        NormaliseResult result = Run(Import(r => { r.BusinessDate = "2025-03-09"; r.ArrivalLocal = "2025-03-09 01:00"; r.LodgedLocal = "2025-03-09 02:30"; r.ReleasedLocal = "2025-03-09 05:00"; }), DstPolicy.Strict);
        Assert.Equal("lodged_local", result.Quarantine!.Field);
        Assert.Contains("DST gap", result.Quarantine.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_order_broken_by_the_fold_says_which_time_was_ambiguous()
    {
        // Arrival 01:50 in the first pass of the repeated hour, release 01:10 in the second: the earlier-instant
        // policy puts the release 40 minutes before the arrival.
        QuarantineEntry q = Run(Import(r =>
        {
            r.BusinessDate = "2025-11-02";
            r.ArrivalLocal = "2025-11-02 01:50";
            r.LodgedLocal = "2025-11-01 23:00";
            r.ReleasedLocal = "2025-11-02 01:10";
        })).Quarantine!;
        Assert.Equal("released_local", q.Field);
        Assert.Contains("release before arrival of the goods (arrival_local occurs twice in America/New_York (DST fold)", q.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-07-04 10:15:30", 10, 15, 30)]
    [InlineData("2025-07-04T10:15:30", 10, 15, 30)]
    [InlineData("2025-07-04 10:15", 10, 15, 0)]
    [InlineData(" 2025-07-04 10:15:30.250 ", 10, 15, 30)]
    public void Local_times_are_read_in_the_usual_iso_shapes(string text, int h, int m, int s)
    {
        Assert.True(TimeTextReader.TryParse(text, out LocalDateTime value));
        Assert.Equal((2025, 7, 4, h, m, s), (value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second));
    }

    [Theory]
    [InlineData("2025-02-30 10:00:00")]
    [InlineData("2025-07-04 25:10:00")]
    [InlineData("31/12/2025 10:00")]
    [InlineData("N/A")]
    [InlineData("2025-07-04T10:15:30+02:00")]
    public void Impossible_or_offset_times_are_not_local_times(string text) =>
        Assert.False(TimeTextReader.TryParse(text, out _));

    [Theory]
    [InlineData("2025-07-04T10:15:30+02:00", 8)]
    [InlineData("2025-07-04T10:15:30Z", 10)]
    [InlineData("2025-07-04 10:15:30-04", 14)]
    public void A_time_with_its_own_offset_is_read_as_that_instant(string text, int utcHour)
    {
        Assert.True(TimeTextReader.TryParseOffset(text, out OffsetDateTime value));
        Assert.Equal(Instant.FromUtc(2025, 7, 4, utcHour, 15, 30), value.ToInstant());
    }

    [Fact]
    public void Offset_times_bypass_the_office_zone_and_the_dst_count()
    {
        var resolver = new LocalTimeResolver(DstPolicy.Default);
        DeclarationView d = new RecordNormaliser([NewYork], resolver, Rates.Usd).Normalise(Import(r =>
        {
            r.BusinessDate = "2025-11-02";
            r.ArrivalLocal = "2025-11-02T05:30:00Z";      // 01:30 EDT, unambiguous as an instant
            r.LodgedLocal = "2025-11-02T01:45:00-05:00";   // 01:45 EST
            r.ReleasedLocal = "2025-11-02T09:00:00Z";
        })).Declaration!;
        Assert.Equal(210, d.ArrivalToRelease!.Value.TotalMinutes);
        Assert.Equal(75, d.ArrivalToRelease!.Value.BusinessMinutes); // 05:30Z → 06:45Z
        Assert.Equal(new DstResolutionCounts(0, 0, 0), resolver.Counts);
    }
}
