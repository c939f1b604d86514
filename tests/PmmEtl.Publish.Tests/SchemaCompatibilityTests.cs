using PmmEtl.Core.Stages;
using PmmEtl.Publish.Reading;
using PmmEtl.Publish.Schema;
using PmmEtl.Publish.Verify;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// The schema only grows. fixtures/schema-v1 is a version exactly as the schema-1 publisher wrote it (SampleRows, in
/// the pre-audience layout &lt;pipeline&gt;/&lt;year&gt;/v1); the current reader, verify and DuckDB all still read it.
/// </summary>
public sealed class SchemaCompatibilityTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "fixtures", "schema-v1");
    private static readonly string FixtureValues = Path.Combine(Fixture, "demo", "2024", "v1", ParquetSnapshotPublisher.ValuesFileName);

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task The_current_reader_reads_a_schema_1_file_with_defaults_for_the_columns_added_since()
    {
        List<PublishedValue> read = await PublishedValuesReader.ReadAsync(FixtureValues, TestContext.Current.CancellationToken);

        Assert.Equal(SampleRows.Values, read.Select(r => r.Value));
        Assert.All(read, r => Assert.False(r.Suppressed));
        // Schema 1 had no names or areas: the catalogue's are used for the KPIs it knows.
        Assert.Equal(
            ["Physical release time for import", "Rate of electronic declarations", "Rate of electronic declarations", "Physical release time for import", "Physical release time for import"],
            read.Select(r => r.KpiName));
        Assert.All(read, r => Assert.Equal("I. Trade Facilitation and Economic Competitiveness", r.StrategicArea));
    }

    [Fact]
    public void Verify_accepts_the_schema_1_version_as_it_was_written()
    {
        string archive = Path.Combine(_temp.Root, "archive");
        foreach (string file in Directory.EnumerateFiles(Fixture, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(archive, Path.GetRelativePath(Fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        VerificationResult result = ArchiveVerifier.Verify(archive);

        Assert.Empty(result.Problems);
        Assert.Equal((1, 2), (result.Versions, result.Files));
    }

    [Fact]
    public void Each_schema_version_only_appends_columns_to_the_one_before()
    {
        foreach (string file in new[] { PublishedSchema.ValuesFile, PublishedSchema.ExclusionsFile, PublishedSchema.DistributionFile, PublishedSchema.HistoryFile })
        {
            IReadOnlyList<PublishedColumn> previous = [];
            for (int version = 1; version <= PublishedSchema.Current; version++)
            {
                IReadOnlyList<PublishedColumn> current = PublishedSchema.Expected(file, version) ?? [];
                Assert.Equal(previous, current.Take(previous.Count));
                previous = current;
            }
        }

        // Schema 1 as it was published, spelled out: these 25 columns must stay first, as they are.
        Assert.Equal(
            ["pipeline", "kpi_code", "kpi_id", "variant", "period_type", "period_label", "period_start", "period_end", "breakdown", "breakdown_value",
             "value", "unit", "median", "p90", "min", "max", "sum_minutes", "n", "numerator", "denominator", "excluded", "disclosure", "note", "run_id", "computed_at"],
            PublishedSchema.Expected(PublishedSchema.ValuesFile, 1)!.Select(c => c.Name));
    }

    [Fact]
    public void A_schema_1_file_and_a_current_file_read_together_by_column_name()
    {
        PublishedSnapshot current = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output) with { Year = 2025 }, SampleRows.Reader());

        // What a folder query in Power BI or DuckDB does: one table over files of both schema versions.
        List<object?[]> rows = DuckDb.Query(
            $"SELECT year(period_start) AS y, count(*), count(kpi_name), count(suppressed) FROM read_parquet([{DuckDb.Literal(FixtureValues)}, " +
            $"{DuckDb.Literal(Archive.Values(current.Folder))}], union_by_name = true) GROUP BY y ORDER BY y");

        // Both files hold SampleRows (dated 2024); the fixture has no kpi_name or suppressed: null there.
        Assert.Equal([[2024L, 10L, 5L, 5L]], rows);
    }

    public void Dispose() => _temp.Dispose();
}
