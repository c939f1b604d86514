using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>Every value written comes back from DuckDB exactly as it went in, in the same order.</summary>
public sealed class ParquetContentTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();

    [Fact]
    public void Kpi_values_read_back_by_DuckDB_equal_the_rows_fed_in()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        List<KpiValue> read = ReadValues(Path.Combine(published.Folder, ParquetSnapshotPublisher.ValuesFileName));

        Assert.Equal(SampleRows.Values, read);
    }

    [Fact]
    public void Exclusions_read_back_by_DuckDB_equal_the_rows_fed_in()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        string path = DuckDb.Literal(Path.Combine(published.Folder, ParquetSnapshotPublisher.ExclusionsFileName));
        List<KpiExclusionCount> read = DuckDb.Query(
                $"SELECT pipeline, kpi_code, period_type, period_label, period_start, reason, explanation, count, run_id " +
                $"FROM read_parquet({path}, file_row_number = true) ORDER BY file_row_number")
            .Select(r => new KpiExclusionCount((string)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]!,
                LocalDate.FromDateOnly((DateOnly)r[4]!), (string)r[5]!, (string)r[6]!, (long)r[7]!, (string)r[8]!))
            .ToList();

        Assert.Equal(SampleRows.Exclusions, read);
    }

    [Fact]
    public void Rows_spanning_several_row_groups_all_come_back_in_order()
    {
        KpiValue[] values = [.. Enumerable.Range(0, 7).Select(i => SampleRows.MeanDuration with { BreakdownValue = $"OFFICE-{i}", N = i })];
        var reader = new FakeKpiValueReader(values, []);

        PublishedSnapshot published = new ParquetSnapshotPublisher(rowGroupSize: 3).Publish(SampleRows.Request(_temp.Output), reader);

        string file = Path.Combine(published.Folder, ParquetSnapshotPublisher.ValuesFileName);
        Assert.Equal(values, ReadValues(file));
        List<object?[]> groups = DuckDb.Query(
            $"SELECT row_group_id, any_value(row_group_num_rows) FROM parquet_metadata({DuckDb.Literal(file)}) GROUP BY ALL ORDER BY 1");
        Assert.Equal([3L, 3L, 1L], groups.Select(g => Convert.ToInt64(g[1])));
    }

    [Fact]
    public void An_empty_table_is_a_readable_file_with_the_full_schema_and_no_rows()
    {
        var reader = new FakeKpiValueReader(SampleRows.Values, []);

        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), reader);

        string path = DuckDb.Literal(Path.Combine(published.Folder, ParquetSnapshotPublisher.ExclusionsFileName));
        Assert.Equal(0L, DuckDb.Query($"SELECT count(*) FROM read_parquet({path})").Single()[0]);
        Assert.Equal(9, DuckDb.Query($"DESCRIBE SELECT * FROM read_parquet({path})").Count);
        Assert.Equal(0L, published.RowCounts[ParquetSnapshotPublisher.ExclusionsFileName]);
    }

    [Fact]
    public void A_large_lazy_input_is_written_in_row_groups_of_the_default_size()
    {
        const int count = ParquetSnapshotPublisher.DefaultRowGroupSize * 2 + 1;
        KpiValue template = SampleRows.MeanDuration;
        var reader = new FakeKpiValueReader(Enumerable.Range(0, count).Select(i => template with { N = i }), []);

        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), reader);

        string file = DuckDb.Literal(Path.Combine(published.Folder, ParquetSnapshotPublisher.ValuesFileName));
        Assert.Equal((long)count, published.RowCounts[ParquetSnapshotPublisher.ValuesFileName]);
        object?[] totals = DuckDb.Query($"SELECT count(*), sum(n)::BIGINT FROM read_parquet({file})").Single();
        Assert.Equal((long)count, totals[0]);
        Assert.Equal((long)count * (count - 1) / 2, totals[1]);
        Assert.Equal(3L, DuckDb.Query($"SELECT DISTINCT row_group_id FROM parquet_metadata({file})").LongCount());
    }

    public void Dispose() => _temp.Dispose();

    internal static List<KpiValue> ReadValues(string file)
    {
        string sql =
            "SELECT pipeline, kpi_code, kpi_id, variant, period_type, period_label, period_start, period_end, breakdown, " +
            "breakdown_value, value, unit, median, p90, min, max, sum_minutes, n, numerator, denominator, excluded, " +
            "disclosure, note, run_id, epoch_us(computed_at), value_text " +
            $"FROM read_parquet({DuckDb.Literal(file)}, file_row_number = true) ORDER BY file_row_number";

        return DuckDb.Query(sql).Select(r => new KpiValue
        {
            Pipeline = (string)r[0]!,
            KpiCode = (string)r[1]!,
            KpiId = (string)r[2]!,
            Variant = (string)r[3]!,
            PeriodType = (string)r[4]!,
            PeriodLabel = (string)r[5]!,
            PeriodStart = LocalDate.FromDateOnly((DateOnly)r[6]!),
            PeriodEnd = LocalDate.FromDateOnly((DateOnly)r[7]!),
            Breakdown = (string)r[8]!,
            BreakdownValue = (string)r[9]!,
            Value = (double?)r[10],
            Unit = (string)r[11]!,
            Median = (double?)r[12],
            P90 = (double?)r[13],
            Min = (double?)r[14],
            Max = (double?)r[15],
            SumMinutes = (double?)r[16],
            N = (long)r[17]!,
            Numerator = (long?)r[18],
            Denominator = (long?)r[19],
            Excluded = (long)r[20]!,
            Disclosure = (string)r[21]!,
            Note = (string?)r[22],
            RunId = (string)r[23]!,
            ComputedAt = Instant.FromUnixTimeTicks((long)r[24]! * 10), // epoch_us: a tick is 100 ns
            ValueText = (string?)r[25],
        }).ToList();
    }
}
