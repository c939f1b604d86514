using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Normalise;
using PmmEtl.Testing;

namespace PmmEtl.Normalise.Tests;

/// <summary>
/// A row whose times a source already read (the CSV reader) must normalise exactly as the same row with the times as
/// text: same declaration, same quarantine entry (field, reason, raw text), same DST counts. Values worked by hand for
/// New York: EST = UTC−5, EDT = UTC−4, 2 November 2025 01:00–02:00 happens twice, 9 March 02:00–03:00 never.
/// </summary>
public sealed class NormaliserReadTimeTests
{
    private static readonly OfficeDefinition NewYork = new()
    {
        Code = "NYC", Name = "New York", OfficeType = "SEAPORT", Country = "US",
        Zone = DateTimeZoneProviders.Tzdb["America/New_York"], MainEntry = true, MainExit = true,
    };

    private static TestDeclaration Row(string arrival, string lodged, string released, bool read)
    {
        var raw = new TestDeclaration
        {
            SourceName = "export.csv", RowNumber = 12, DeclarationId = "D1", DeclarationType = "IMPORT", OfficeCode = "NYC",
            ModeOfTransport = "SEA", ControlChannel = "GREEN", Aeo = "1", Ecommerce = "0", SubmissionChannel = "EDI",
        };
        raw.ArrivalLocalTime = Time(arrival, read);
        raw.LodgedLocalTime = Time(lodged, read);
        raw.ReleasedLocalTime = Time(released, read);
        return raw;
    }

    private static RawValue Time(string text, bool read) =>
        read && IsoLocalText.ParseDateTime(text, out LocalDateTime value, out char separator) == IsoLocalShape.Valid
            ? RawValue.FromValue(value, separator)
            : RawValue.FromText(text);

    private static (NormaliseResult Result, DstResolutionCounts Counts) Run(TestDeclaration raw, DstPolicy policy)
    {
        var resolver = new LocalTimeResolver(policy);
        NormaliseResult result = new RecordNormaliser([NewYork], resolver, Rates.Usd).Normalise(raw);
        return (result, resolver.Counts);
    }

    [Fact]
    public void A_good_row_gives_the_same_declaration_from_values_as_from_text()
    {
        var (fromText, textCounts) = Run(Row("2025-06-02 08:00:00", "2025-06-02T09:10:00", "2025-06-02 14:20:00", read: false), DstPolicy.Default);
        var (fromValues, valueCounts) = Run(Row("2025-06-02 08:00:00", "2025-06-02T09:10:00", "2025-06-02 14:20:00", read: true), DstPolicy.Default);

        DeclarationView d = fromValues.Declaration!;
        Assert.Equal(Instant.FromUtc(2025, 6, 2, 12, 0), d.ArrivalAt);
        Assert.Equal(Instant.FromUtc(2025, 6, 2, 13, 10), d.LodgedAt);
        Assert.Equal(Instant.FromUtc(2025, 6, 2, 18, 20), d.ReleasedAt);
        Assert.Equal(new LocalDate(2025, 6, 2), d.BusinessDate);
        Assert.Equal(380, d.ArrivalToRelease!.Value.TotalMinutes);
        Assert.Equal(fromText.Declaration, d);
        Assert.Equal(textCounts, valueCounts);
    }

    [Fact]
    public void A_fold_time_counts_and_hints_the_same_from_a_value()
    {
        // Arrival 01:30 in the fold → earlier, EDT: 05:30 UTC. Release 01:10 → 05:10 UTC, before the arrival: refused,
        // with the fold named as the likely cause, and the release's text quoted.
        var (fromText, textCounts) = Run(Row("2025-11-02 01:30:00", "2025-11-02 00:50:00", "2025-11-02 01:10:00", read: false), DstPolicy.Default);
        var (fromValues, valueCounts) = Run(Row("2025-11-02 01:30:00", "2025-11-02 00:50:00", "2025-11-02 01:10:00", read: true), DstPolicy.Default);

        QuarantineEntry entry = fromValues.Quarantine!;
        Assert.Equal("released_local", entry.Field);
        Assert.Equal("2025-11-02 01:10:00", entry.RawValue);
        Assert.Equal(
            "released_local: release before arrival of the goods (arrival_local occurs twice in America/New_York (DST fold) and the policy took the earlier instant; "
            + "released_local occurs twice in America/New_York (DST fold) and the policy took the earlier instant)", entry.Reason);
        Assert.Equal(fromText.Quarantine, entry);
        Assert.Equal(new DstResolutionCounts(2, 0, 0), valueCounts);
        Assert.Equal(textCounts, valueCounts);
    }

    [Fact]
    public void A_gap_time_refused_by_the_strict_policy_quotes_its_text_from_a_value()
    {
        var (fromText, textCounts) = Run(Row("2025-03-09 01:00:00", "2025-03-09 02:30:00", "2025-03-09 04:00:00", read: false), DstPolicy.Strict);
        var (fromValues, valueCounts) = Run(Row("2025-03-09 01:00:00", "2025-03-09 02:30:00", "2025-03-09 04:00:00", read: true), DstPolicy.Strict);

        QuarantineEntry entry = fromValues.Quarantine!;
        Assert.Equal(("lodged_local", "2025-03-09 02:30:00"), (entry.Field, entry.RawValue));
        Assert.Equal("lodged_local: local time does not exist (DST gap) in America/New_York and the DST policy rejects it", entry.Reason);
        Assert.Equal(fromText.Quarantine, entry);
        Assert.Equal(new DstResolutionCounts(0, 1, 1), valueCounts);
        Assert.Equal(textCounts, valueCounts);
    }
}
