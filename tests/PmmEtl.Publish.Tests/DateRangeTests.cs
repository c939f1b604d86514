using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Publish.Verify;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// A publication holds every date and instant of 1900-01-01 … 2199-12-31 exactly, in every file, and refuses a row
/// outside that range with a message naming it, before any file is written (a year-1 period once failed every
/// publication with an OLE Automation overflow in the workbook writer).
/// </summary>
public sealed class DateRangeTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static KpiValue Month(int year, int month, Instant computedAt) => SampleRows.MeanDuration with
    {
        PeriodLabel = $"{year:D4}-{month:D2}",
        PeriodStart = new LocalDate(year, month, 1),
        PeriodEnd = new LocalDate(year, month, 1).PlusMonths(1),
        ComputedAt = computedAt,
    };

    private static KpiValue Year(int year) => SampleRows.MeanDuration with
    {
        PeriodType = "year",
        PeriodLabel = $"{year:D4}",
        PeriodStart = new LocalDate(year, 1, 1),
        PeriodEnd = new LocalDate(year + 1, 1, 1),
    };

    [Theory]
    // Epoch milliseconds worked out by hand (calendar.timegm): 1900-01-01T00:00Z is -2,208,988,800,000 and
    // 2199-12-31T23:59:59.999Z is 7,258,118,399,999.
    [InlineData(1900, 1, -2208988800000L, "1900-01-01", "1900-02-01", "1901-01-01")]
    [InlineData(2199, 12, 7258118399999L, "2199-12-01", "2200-01-01", "2200-01-01")]
    public void The_first_and_last_days_and_instants_are_published_exactly(int year, int month, long epochMs, string start, string end, string yearEnd)
    {
        Instant computedAt = Instant.FromUnixTimeMilliseconds(epochMs);
        KpiValue[] values = [Month(year, month, computedAt), Year(year) with { ComputedAt = computedAt }];
        var exclusion = new KpiExclusionCount(SampleRows.Pipeline, "K04", "month", values[0].PeriodLabel, values[0].PeriodStart, "no_arrival", "x", 1, SampleRows.RunId);
        SnapshotRequest request = SampleRows.Request(_temp.Output) with { Year = year, CreatedAt = computedAt };

        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(request, new FakeKpiValueReader(values, [exclusion]));

        List<object?[]> rows = DuckDb.Query(
            $"SELECT CAST(period_start AS VARCHAR), CAST(period_end AS VARCHAR), epoch_ms(computed_at) FROM read_parquet({DuckDb.Literal(Archive.Values(published.Folder))}) ORDER BY period_type");
        Assert.Equal([[start, end, epochMs], [$"{year:D4}-01-01", yearEnd, epochMs]], rows);
        Assert.Equal([[start]], DuckDb.Query($"SELECT CAST(period_start AS VARCHAR) FROM read_parquet({DuckDb.Literal(Path.Combine(published.Folder, ParquetSnapshotPublisher.ExclusionsFileName))})"));
        string history = Archive.History(_temp.PipelineFolder(SampleRows.Pipeline));
        Assert.Equal([[start, end, epochMs, epochMs], [$"{year:D4}-01-01", yearEnd, epochMs, epochMs]], DuckDb.Query(
            $"SELECT CAST(period_start AS VARCHAR), CAST(period_end AS VARCHAR), epoch_ms(computed_at), epoch_ms(snapshot_created_at) FROM read_parquet({DuckDb.Literal(history)}) ORDER BY period_type"));
        Assert.Empty(ArchiveVerifier.Verify(_temp.Output).Problems);
    }

    public static TheoryData<string, KpiValue, string> Outside => new()
    {
        { "year 1", Month(1, 1, SampleRows.ComputedAt), "K04 0001-01 (pmm, total ALL): period_start 0001-01-01" },
        { "the day before", Month(1899, 12, SampleRows.ComputedAt) with { PeriodEnd = new LocalDate(1900, 1, 1) }, "K04 1899-12 (pmm, total ALL): period_start 1899-12-01" },
        { "after the last day", Month(2200, 1, SampleRows.ComputedAt), "K04 2200-01 (pmm, total ALL): period_start 2200-01-01" },
        { "computed in year 9999", Month(2024, 1, Instant.FromUtc(9999, 12, 31, 0, 0)), "K04 2024-01 (pmm, total ALL): computed_at 9999-12-31T00:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Outside))]
    public void A_row_outside_the_range_fails_the_publication_naming_it_and_writes_nothing(string what, KpiValue row, string named)
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), new FakeKpiValueReader([SampleRows.Ratio, row], SampleRows.Exclusions)));

        Assert.Equal($"{named} is outside 1900-01-01 to 2199-12-31, the dates a publication holds.", error.Message);
        string yearFolder = _temp.YearFolder(SampleRows.Pipeline, SampleRows.Year);
        Assert.Empty(YearFolderAssert.Versions(yearFolder));
        Assert.Empty(YearFolderAssert.TempFolders(yearFolder));
        _ = what; // names the case in the test list
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2200)]
    public void A_year_outside_the_range_is_refused(int year)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output) with { Year = year }, SampleRows.Reader()));

        Assert.StartsWith($"Year {year} is outside 1900-2199", error.Message, StringComparison.Ordinal);
    }
}
