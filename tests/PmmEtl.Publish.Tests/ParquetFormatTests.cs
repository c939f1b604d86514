using NodaTime;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// The physical format Power BI and Excel Power Query read correctly: flat columns in the published order, DATE
/// dates, INT64 UTC timestamps (never INT96), Snappy, only PLAIN / dictionary / RLE encodings, and statistics
/// that agree with the data.
/// </summary>
public sealed class ParquetFormatTests : IDisposable
{
    private static readonly string[] AllowedEncodings = ["PLAIN", "RLE_DICTIONARY", "RLE", "PLAIN_DICTIONARY"];

    private readonly SnapshotFolder _temp = new();
    private readonly PublishedSnapshot _published;

    // computed_at and value_text vary here: where a column's statistics say min = max, DuckDB folds the column to that
    // constant instead of reading it, and a statistics check would compare the statistics with themselves.
    public ParquetFormatTests() =>
        _published = new ParquetSnapshotPublisher().Publish(
            SampleRows.Request(_temp.Output),
            new FakeKpiValueReader(
                SampleRows.Values.Select((v, i) => v with
                {
                    ComputedAt = v.ComputedAt.Plus(Duration.FromMinutes(i)),
                    ValueText = i % 2 == 0 ? null : $"answer {i}",
                }),
                SampleRows.Exclusions,
                SampleRows.Distribution));

    public static TheoryData<string> Files =>
    [
        ParquetSnapshotPublisher.ValuesFileName, ParquetSnapshotPublisher.ExclusionsFileName, ParquetSnapshotPublisher.DistributionFileName,
        ParquetSnapshotPublisher.CatalogueFileName,
    ];

    [Fact]
    public void Kpi_values_columns_have_the_published_names_order_and_types()
    {
        (string Name, string Type)[] expected =
        [
            ("pipeline", "VARCHAR"), ("kpi_code", "VARCHAR"), ("kpi_id", "VARCHAR"), ("variant", "VARCHAR"),
            ("period_type", "VARCHAR"), ("period_label", "VARCHAR"), ("period_start", "DATE"), ("period_end", "DATE"),
            ("breakdown", "VARCHAR"), ("breakdown_value", "VARCHAR"), ("value", "DOUBLE"), ("unit", "VARCHAR"),
            ("median", "DOUBLE"), ("p90", "DOUBLE"), ("min", "DOUBLE"), ("max", "DOUBLE"), ("sum_minutes", "DOUBLE"),
            ("n", "BIGINT"), ("numerator", "BIGINT"), ("denominator", "BIGINT"), ("excluded", "BIGINT"),
            ("disclosure", "VARCHAR"), ("note", "VARCHAR"), ("run_id", "VARCHAR"), ("computed_at", "TIMESTAMP WITH TIME ZONE"),
            // Added by schema 2, at the end.
            ("kpi_name", "VARCHAR"), ("strategic_area", "VARCHAR"), ("suppressed", "BOOLEAN"),
            // Added by schema 3.
            ("value_text", "VARCHAR"),
            ("provisional", "BOOLEAN"),
        ];

        Assert.Equal(expected, Describe(ParquetSnapshotPublisher.ValuesFileName));
    }

    [Fact]
    public void Kpi_exclusions_columns_have_the_published_names_order_and_types()
    {
        (string Name, string Type)[] expected =
        [
            ("pipeline", "VARCHAR"), ("kpi_code", "VARCHAR"), ("period_type", "VARCHAR"), ("period_label", "VARCHAR"),
            ("period_start", "DATE"), ("reason", "VARCHAR"), ("explanation", "VARCHAR"), ("count", "BIGINT"), ("run_id", "VARCHAR"),
        ];

        Assert.Equal(expected, Describe(ParquetSnapshotPublisher.ExclusionsFileName));
    }

    [Fact]
    public void Kpi_distribution_columns_have_the_published_names_order_and_types()
    {
        (string Name, string Type)[] expected =
        [
            ("pipeline", "VARCHAR"), ("kpi_code", "VARCHAR"), ("year", "BIGINT"), ("bin", "BIGINT"), ("lower_minutes", "DOUBLE"),
            ("upper_minutes", "DOUBLE"), ("count", "BIGINT"), ("disclosure", "VARCHAR"), ("suppressed", "BOOLEAN"), ("run_id", "VARCHAR"),
        ];

        Assert.Equal(expected, Describe(ParquetSnapshotPublisher.DistributionFileName));
    }

    [Fact]
    public void Kpi_catalogue_columns_have_the_published_names_order_and_types()
    {
        (string Name, string Type)[] expected =
        [
            ("family", "VARCHAR"), ("kpi_code", "VARCHAR"), ("kpi_id", "VARCHAR"), ("kpi_name", "VARCHAR"), ("strategic_area", "VARCHAR"),
            ("outcome", "VARCHAR"), ("input_kind", "VARCHAR"), ("formula_kind", "VARCHAR"), ("formula", "VARCHAR"), ("printed_formula", "VARCHAR"),
            ("definition", "VARCHAR"), ("unit", "VARCHAR"), ("precision", "BIGINT"), ("minimum_periodicity", "VARCHAR"), ("periods", "VARCHAR"),
            ("disclosure", "VARCHAR"), ("breakdowns", "VARCHAR"), ("variables", "VARCHAR"), ("checklist_items", "VARCHAR"), ("variants", "VARCHAR"),
            ("decision", "VARCHAR"), ("catalogue_version", "VARCHAR"),
        ];

        Assert.Equal(expected, Describe(ParquetSnapshotPublisher.CatalogueFileName));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Physical_types_are_flat_with_no_INT96_and_logical_types_readers_understand(string fileName)
    {
        List<object?[]> elements = DuckDb.Query(
            $"SELECT name, type, converted_type, logical_type, num_children FROM parquet_schema({Path(fileName)})");
        List<object?[]> schema = [.. elements.Where(e => e[1] is not null)];

        // Flat: the root is the only group, and every column is one of its leaves.
        Assert.Single(elements, e => e[1] is null);
        Assert.Equal(schema.Count, Convert.ToInt64(elements.Single(e => e[1] is null)[4]));
        Assert.DoesNotContain(schema, c => (string?)c[1] == "INT96");
        Assert.All(schema.Where(c => (string?)c[1] == "BYTE_ARRAY"), c => Assert.Equal("UTF8", c[2]));

        if (schema.SingleOrDefault(c => (string?)c[0] == "period_start") is { } periodStart)
        {
            Assert.Equal("INT32", periodStart[1]);
            Assert.Equal("DATE", periodStart[2]);
        }
    }

    /// <summary>
    /// MILLIS rather than MICROS because Parquet.Net 6.1 writes wrong min/max statistics for MICROS timestamps
    /// (see <see cref="Column_statistics_agree_with_the_data"/>); milliseconds are plenty for a computation time.
    /// </summary>
    [Fact]
    public void Computed_at_is_an_INT64_UTC_timestamp_in_milliseconds()
    {
        object?[] computedAt = DuckDb.Query(
                $"SELECT type, logical_type FROM parquet_schema({Path(ParquetSnapshotPublisher.ValuesFileName)}) WHERE name = 'computed_at'")
            .Single();

        Assert.Equal("INT64", computedAt[0]);
        string logical = (string)computedAt[1]!;
        Assert.Contains("TimestampType(isAdjustedToUTC=1", logical, StringComparison.Ordinal);
        Assert.Contains("MILLIS=MilliSeconds()", logical, StringComparison.Ordinal);
    }

    /// <summary>
    /// Readers skip row groups by their min/max statistics, so wrong statistics silently drop rows from filtered
    /// queries. Each column chunk's statistics must equal the minimum and maximum of its data.
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Column_statistics_agree_with_the_data(string fileName)
    {
        string file = Path(fileName);
        string[] columns = [.. DuckDb.Query($"DESCRIBE SELECT * FROM read_parquet({file})").Select(r => (string)r[0]!)];
        Dictionary<string, object?[]> statistics = DuckDb.Query(
                $"SELECT path_in_schema, stats_min_value, stats_max_value FROM parquet_metadata({file})")
            .ToDictionary(r => (string)r[0]!);

        foreach (string column in columns)
        {
            // Parquet.Net writes no min/max for BOOLEAN columns, nor for a column with no value at all (K04 and K10 have
            // no variables, checklist items or, K10, variants). Absent statistics only stop a reader from skipping row
            // groups; wrong ones make it skip rows, which is what this test is about.
            if (statistics[column][1] is null && statistics[column][2] is null)
            {
                long values = (long)DuckDb.Query($"SELECT count(\"{column}\") FROM read_parquet({file})").Single()[0]!;
                Assert.True(column is "suppressed" or "provisional" || values == 0, $"{fileName} {column}: {values} values but no statistics");
                continue;
            }

            object?[] actual = DuckDb.Query(
                    $"SELECT min(\"{column}\")::VARCHAR, max(\"{column}\")::VARCHAR FROM read_parquet({file})")
                .Single();
            Assert.True(Equals(actual[0], statistics[column][1]), $"{fileName} {column}: min {actual[0]} but statistics say {statistics[column][1]}");
            Assert.True(Equals(actual[1], statistics[column][2]), $"{fileName} {column}: max {actual[1]} but statistics say {statistics[column][2]}");
        }
    }

    [Fact]
    public void A_filter_on_computed_at_finds_the_rows()
    {
        object?[] count = DuckDb.Query(
                $"SELECT count(*) FROM read_parquet({Path(ParquetSnapshotPublisher.ValuesFileName)}) " +
                "WHERE computed_at > TIMESTAMPTZ '2024-01-01 00:00:00+00'")
            .Single();

        Assert.Equal((long)SampleRows.Values.Count, count[0]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_column_chunk_is_Snappy_with_only_plain_dictionary_or_RLE_encodings(string fileName)
    {
        List<object?[]> chunks = DuckDb.Query($"SELECT path_in_schema, compression, encodings FROM parquet_metadata({Path(fileName)})");

        Assert.NotEmpty(chunks);
        Assert.All(chunks, c =>
        {
            Assert.Equal("SNAPPY", c[1]);
            string[] encodings = ((string)c[2]!).Split(", ");
            Assert.All(encodings, e => Assert.Contains(e, AllowedEncodings));
        });
    }

    [Fact]
    public void Repetitive_string_columns_are_dictionary_encoded()
    {
        object?[] pipeline = DuckDb.Query(
                $"SELECT encodings FROM parquet_metadata({Path(ParquetSnapshotPublisher.ValuesFileName)}) WHERE path_in_schema = 'pipeline'")
            .Single();

        Assert.Contains("DICTIONARY", (string)pipeline[0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_essentials_are_also_Parquet_key_value_metadata()
    {
        Dictionary<string, string> metadata = DuckDb.Query(
                $"SELECT decode(key), decode(value) FROM parquet_kv_metadata({Path(ParquetSnapshotPublisher.ValuesFileName)})")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

        Assert.Equal(SampleRows.RunId, metadata["pmm.run_id"]);
        Assert.Equal("5", metadata["pmm.schema_version"]);
        Assert.Equal("national", metadata["pmm.audience"]);
        Assert.Equal("2025b", metadata["pmm.tzdb_version"]);
    }

    public void Dispose() => _temp.Dispose();

    private string Path(string fileName) => DuckDb.Literal(System.IO.Path.Combine(_published.Folder, fileName));

    private (string Name, string Type)[] Describe(string fileName) =>
        [.. DuckDb.Query($"DESCRIBE SELECT * FROM read_parquet({Path(fileName)})").Select(r => ((string)r[0]!, (string)r[1]!))];
}
