using PmmEtl.Core.Stages;
using PmmEtl.Publish.Reading;
using PmmEtl.Publish.Schema;
using PmmEtl.Publish.Verify;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// The schema only grows. fixtures/schema-v1 is a version exactly as the schema-1 publisher wrote it (SampleRows, in
/// the pre-audience layout &lt;pipeline&gt;/&lt;year&gt;/v1); fixtures/schema-v2 is the national tree (a version and
/// the history) as the schema-2 publisher wrote it, without value_text and without kpi_catalogue.parquet. The current
/// reader, verify, the next publication and DuckDB all still read them.
/// </summary>
public sealed class SchemaCompatibilityTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "fixtures", "schema-v1");
    private static readonly string FixtureValues = Path.Combine(Fixture, "demo", "2024", "v1", ParquetSnapshotPublisher.ValuesFileName);

    private static readonly string FixtureV2 = Path.Combine(AppContext.BaseDirectory, "fixtures", "schema-v2");
    private static readonly string FixtureV2Values = Path.Combine(FixtureV2, "national", "demo", "2024", "v1", ParquetSnapshotPublisher.ValuesFileName);

    private readonly SnapshotFolder _temp = new();

    [Fact]
    public async Task The_current_reader_reads_a_schema_1_file_with_defaults_for_the_columns_added_since()
    {
        List<PublishedValue> read = await PublishedValuesReader.ReadAsync(FixtureValues, TestContext.Current.CancellationToken);

        Assert.Equal(SampleRows.Values, read.Select(r => r.Value));
        Assert.All(read, r => Assert.False(r.Suppressed));
        Assert.All(read, r => Assert.Null(r.Value.ValueText));
        // Schema 1 had no names or areas: the catalogue's are used for the KPIs it knows.
        Assert.Equal(
            ["Physical release time for import", "Rate of electronic declarations", "Rate of electronic declarations", "Physical release time for import", "Physical release time for import"],
            read.Select(r => r.KpiName));
        Assert.All(read, r => Assert.Equal("I. Trade Facilitation and Economic Competitiveness", r.StrategicArea));
    }

    [Fact]
    public void Verify_accepts_the_schema_1_version_as_it_was_written()
    {
        string archive = CopyOf(Fixture);

        VerificationResult result = ArchiveVerifier.Verify(archive);

        Assert.Empty(result.Problems);
        Assert.Equal((1, 2), (result.Versions, result.Files));
    }

    [Fact]
    public async Task The_current_reader_reads_a_schema_2_file_which_has_no_value_text()
    {
        Assert.DoesNotContain(DuckDb.Query($"DESCRIBE SELECT * FROM read_parquet({DuckDb.Literal(FixtureV2Values)})"), c => (string)c[0]! == "value_text");

        List<PublishedValue> read = await PublishedValuesReader.ReadAsync(FixtureV2Values, TestContext.Current.CancellationToken);

        Assert.Equal(SampleRows.Values, read.Select(r => r.Value));
        Assert.All(read, r => Assert.Null(r.Value.ValueText));
        // Schema 2 wrote the names itself.
        Assert.Equal("Rate of electronic declarations", read[1].KpiName);
    }

    [Fact]
    public void Verify_accepts_the_schema_2_version_and_history_as_they_were_written()
    {
        string archive = CopyOf(FixtureV2);

        VerificationResult result = ArchiveVerifier.Verify(archive);

        Assert.Empty(result.Problems);
        // The national version's 5 files: values, distribution, exclusions, workbook, report; no catalogue before schema 3.
        Assert.Equal((1, 5, 1), (result.Versions, result.Files, result.Histories));
    }

    [Fact]
    public async Task A_schema_3_version_supersedes_a_schema_2_version_and_the_mixed_archive_verifies()
    {
        string archive = CopyOf(FixtureV2);
        SnapshotRequest request = SampleRows.Request(archive, runId: "run-schema-3") with { Audiences = [PmmEtl.Core.Catalogue.Disclosure.National] };

        // The same values: only the schema (value_text, the catalogue) is new, and that is a new version.
        PublishedSnapshot next = new ParquetSnapshotPublisher().Publish(request, SampleRows.Reader());

        Assert.Equal((2, false), (next.Version, next.Unchanged));
        using System.Text.Json.JsonDocument manifest = ManifestTests.ReadManifest(next.Folder);
        System.Text.Json.JsonElement changes = manifest.RootElement.GetProperty("changes");
        Assert.Equal("v1", changes.GetProperty("against").GetString());
        Assert.Equal(0, changes.GetProperty("values_changed").GetInt32() + changes.GetProperty("values_added").GetInt32() + changes.GetProperty("values_removed").GetInt32());
        Assert.Contains(PublishedSchema.CatalogueFile, changes.GetProperty("other_files_changed").EnumerateArray().Select(f => f.GetString()));

        // The history now holds v2, read back with the current reader.
        List<PublishedValue> history = await PublishedValuesReader.ReadAsync(Archive.History(Path.Combine(archive, "national", "demo")), TestContext.Current.CancellationToken);
        Assert.Equal(SampleRows.Values.Count, history.Count);
        VerificationResult result = ArchiveVerifier.Verify(archive);
        Assert.Empty(result.Problems);
        Assert.Equal((2, 5 + 6, 1), (result.Versions, result.Files, result.Histories));
    }

    [Fact]
    public void Each_schema_version_only_appends_columns_to_the_one_before()
    {
        foreach (string file in new[] { PublishedSchema.ValuesFile, PublishedSchema.ExclusionsFile, PublishedSchema.DistributionFile, PublishedSchema.HistoryFile, PublishedSchema.CatalogueFile })
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
    public void A_schema_2_file_and_a_current_file_with_a_text_read_together_by_column_name()
    {
        PublishedSnapshot current = new ParquetSnapshotPublisher().Publish(
            SampleRows.Request(_temp.Output) with { Year = 2025 }, new FakeKpiValueReader([.. SampleRows.Values, SampleRows.TextAnswer], [], []));

        List<object?[]> rows = DuckDb.Query(
            $"SELECT filename LIKE '%schema-v2%' AS old, count(*), count(value_text) FROM read_parquet([{DuckDb.Literal(FixtureV2Values)}, " +
            $"{DuckDb.Literal(Archive.Values(current.Folder))}], union_by_name = true, filename = true) GROUP BY old ORDER BY old");

        // The current file: SampleRows' 5 rows and the text answer, one text. The schema-2 file: 5 rows, no text column.
        Assert.Equal([[false, 6L, 1L], [true, 5L, 0L]], rows);
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

    /// <summary>A fixture copied into the test's folder, so that nothing a test does changes the checked-in files.</summary>
    private string CopyOf(string fixture)
    {
        string archive = Path.Combine(_temp.Root, "archive-" + Path.GetFileName(fixture));
        foreach (string file in Directory.EnumerateFiles(fixture, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(archive, Path.GetRelativePath(fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return archive;
    }
}
